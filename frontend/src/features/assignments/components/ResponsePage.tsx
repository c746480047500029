import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useParams } from 'react-router-dom';
import {
  BackLink,
  Button,
  ErrorSummary,
  Link,
  NotificationBanner,
  Textarea,
} from '../../../components/govuk';
import { ItemField, type ItemFieldProps } from '../../../components/instrument/ItemField';
import { fieldId, useFormErrors } from '../../../lib/forms';
import { evaluate, evaluateCondition } from '../../../lib/instrument/engine';
import {
  parseDefinition,
  type Answer,
  type Answers,
  type Definition,
  type EvidenceAnswer,
} from '../../../lib/instrument/types';
import { ApiError } from '../../../lib/problem';
import { findMembership, useSession } from '../../../lib/session';
import { usePageTitle } from '../../../lib/title';
import {
  fetchResponse,
  keys,
  newIdempotencyKey,
  saveAnswers,
  useDraftScore,
  useOrganisations,
  useResponse,
  useSubmitResponse,
  type AuditResponse,
  type Evidence,
} from '../api/audits';
import { DraftSaver, recover, type SaveState } from '../../../lib/draft/autosave';
import { deviceStore, personalItems } from '../../../lib/draft/deviceStore';
import { auditPaths } from '../paths';
import { EvidenceList, EvidenceUpload } from './Evidence';
import { formatTime } from './labels';
import { ResultSummary } from './ResultSummary';

/** Only the answers to questions that apply, and none left blank. */
function applicable(answers: Answers, applies: Record<string, boolean>): Answers {
  return Object.fromEntries(
    Object.entries(answers).filter(
      ([id, value]) => applies[id] && value !== undefined && value !== '',
    ),
  );
}

/** The value after it has stopped changing for `delay` milliseconds. */
function useDebounced<T>(value: T, delay: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);

    return () => clearTimeout(timer);
  }, [value, delay]);

  return settled;
}

/** One audit: the form while it is a draft, its result once submitted. */
export function ResponsePage() {
  const params = useParams();
  const tenant = params.tenant ?? '';
  const id = params.responseId ?? '';
  const response = useResponse(tenant, id);
  const [justSubmitted, setJustSubmitted] = useState(false);
  const session = useSession().data;
  usePageTitle(response.data ? `Audit of ${response.data.local_id}` : 'Audit');

  if (response.isError) {
    if (response.error instanceof ApiError && response.error.status === 404) {
      throw new Response('Not found', { status: 404 });
    }
    throw response.error;
  }
  if (!response.data) return <p className="govuk-body">Loading the audit…</p>;
  if (response.data.state === 'submitted') {
    return (
      <SubmittedAudit tenant={tenant} response={response.data} justSubmitted={justSubmitted} />
    );
  }

  if (session && response.data.auditor_id !== session.person.id) {
    return <OthersDraft tenant={tenant} response={response.data} />;
  }

  return (
    <AuditForm
      // A reload from the server starts the form afresh.
      key={`${response.data.id}:${response.dataUpdatedAt}`}
      tenant={tenant}
      response={response.data}
      onSubmitted={() => setJustSubmitted(true)}
    />
  );
}

/** Someone else's draft: only its author changes it. */
function OthersDraft({ tenant, response }: { tenant: string; response: AuditResponse }) {
  return (
    <>
      <BackLink href={auditPaths.inbox(tenant)} text="Your audits" />
      <span className="govuk-caption-l">{response.local_id}</span>
      <h1 className="govuk-heading-l">Audit in progress</h1>
      <p className="govuk-body">
        {response.auditor_name} is completing this audit. Its result shows once it is submitted.
      </p>
      {response.reopened_reason && (
        <div className="govuk-inset-text">Reopened: {response.reopened_reason}</div>
      )}
    </>
  );
}

function SubmittedAudit(props: {
  tenant: string;
  response: AuditResponse;
  justSubmitted: boolean;
}) {
  const { tenant, response } = props;
  const def = parseDefinition(response.definition);
  const session = useSession().data;
  const isLead = findMembership(session, tenant)?.roles.includes('qa_lead') ?? false;

  return (
    <>
      <BackLink href={auditPaths.inbox(tenant)} text="Your audits" />
      {props.justSubmitted ? (
        <div className="govuk-panel govuk-panel--confirmation">
          <h1 className="govuk-panel__title">Audit submitted</h1>
          <div className="govuk-panel__body" data-testid="panel-result">
            {response.local_id}: {overallText(response)}
          </div>
        </div>
      ) : (
        <>
          <span className="govuk-caption-l">{response.local_id}</span>
          <h1 className="govuk-heading-l">Submitted audit</h1>
        </>
      )}
      <p className="govuk-body">
        Submitted by {response.auditor_name}
        {response.submitted_at ? ` at ${formatTime(response.submitted_at)}` : ''}.
      </p>
      <ResultSummary def={def} response={response} />
      <h2 className="govuk-heading-m">Evidence</h2>
      {response.evidence.length === 0 ? (
        <p className="govuk-body">No files were attached.</p>
      ) : (
        <EvidenceList tenant={tenant} files={response.evidence} />
      )}
      {isLead && (
        <p className="govuk-body">
          <Link className="govuk-link" href={auditPaths.reopen(tenant, response.id)}>
            Reopen this audit
          </Link>
        </p>
      )}
      <p className="govuk-body">
        <Link className="govuk-link" href={auditPaths.inbox(tenant)}>
          Back to your audits
        </Link>
      </p>
    </>
  );
}

export function overallText(response: AuditResponse) {
  const overall = response.result?.overall;
  if (!overall?.scored) return 'not scored';
  const label = overall.label ? overall.label.replace(/_/g, ' ') : '';

  return label ? `${label.charAt(0).toUpperCase()}${label.slice(1)}` : String(overall.value);
}

function saveMessage(state: SaveState) {
  switch (state.kind) {
    case 'pending':
    case 'saving':
      return 'Saving…';
    case 'saved':
      return `Saved at ${formatTime(state.at)}.`;
    case 'device':
      return `Saved on this device, waiting to send (since ${formatTime(state.at)}). Your answers will be sent when the connection returns.`;
    case 'error':
      return `Not saved: ${state.message}`;
    default:
      return '';
  }
}

interface AuditFormProps {
  tenant: string;
  response: AuditResponse;
  onSubmitted: () => void;
}

function AuditForm({ tenant, response, onSubmitted }: AuditFormProps) {
  const queryClient = useQueryClient();
  const def = useMemo(() => parseDefinition(response.definition), [response.definition]);
  const personal = useMemo(() => personalItems(def), [def]);
  const [answers, setAnswers] = useState<Answers>(() => response.answers as Answers);
  const [evidence, setEvidence] = useState<Evidence[]>(response.evidence);
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });
  const [olderCopy, setOlderCopy] = useState<{ answers: Answers; savedAt: string }>();
  const [recovered, setRecovered] = useState(false);
  const errors = useFormErrors();
  usePageTitle(`Audit of ${response.local_id}`, { error: errors.hasErrors });
  const submit = useSubmitResponse(tenant);
  const submitKey = useRef<string | undefined>(undefined);
  const [saver] = useState(
    () =>
      new DraftSaver({
        responseId: response.id,
        version: response.version,
        personal,
        save: (version, next) => saveAnswers(tenant, response.id, version, next),
        store: deviceStore,
        isOnline: () => navigator.onLine,
        onState: setSaveState,
      }),
  );

  // A copy left on this device (the connection dropped, or the tab
  // closed, before it was sent) is recovered and sent now.
  useEffect(() => {
    let live = true;
    void deviceStore.get(response.id).then((device) => {
      if (!live) return;
      const got = recover(
        { version: response.version, answers: response.answers as Answers },
        device,
        personal,
      );
      if (got.fromDevice) {
        setAnswers(got.answers);
        setRecovered(true);
        saver.change(got.answers);
        void saver.flush();
      }
      setOlderCopy(got.olderCopy);
    });

    return () => {
      live = false;
    };
  }, [response, personal, saver]);

  useEffect(() => {
    const online = () => saver.online();
    window.addEventListener('online', online);

    return () => {
      window.removeEventListener('online', online);
      saver.stop();
    };
  }, [saver]);

  const asOf = response.as_of;
  const { applies, computed } = useMemo(() => evaluate(def, answers, asOf), [def, answers, asOf]);
  const settled = useDebounced(applicable(answers, applies), 500);
  const score = useDraftScore(tenant, {
    key: response.instrument_key,
    version: response.instrument_version,
    answers: settled,
    asOf,
  });
  const milestones = new Map(score.data?.milestones.map((m) => [m.item, m]) ?? []);
  const needsOrganisations = def.sections.some((s) =>
    s.items.some((i) => i.kind === 'organisation'),
  );
  const organisations = useOrganisations(tenant, needsOrganisations);

  const onAnswer = (itemId: string, value: Answer | undefined) => {
    submitKey.current = undefined;
    setAnswers((previous) => {
      const next = { ...previous };
      if (value === undefined) delete next[itemId];
      else next[itemId] = value;
      saver.change(next);

      return next;
    });
  };

  const loadNewer = async () => {
    const newer = await fetchResponse(tenant, response.id);
    await deviceStore.remove(response.id);
    saver.reset(newer.version);
    queryClient.setQueryData(keys.response(tenant, response.id), newer);
  };

  const useOlderCopy = () => {
    if (!olderCopy) return;
    setAnswers(olderCopy.answers);
    setOlderCopy(undefined);
    saver.change(olderCopy.answers);
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    await saver.flush();
    if (saver.current.kind === 'conflict') return;
    if (!navigator.onLine || saver.current.kind === 'device') {
      errors.show([
        {
          field: 'answers',
          message:
            'You are offline: your answers are saved on this device. Submit when the connection returns.',
        },
      ]);

      return;
    }
    submitKey.current ??= newIdempotencyKey();
    submit.mutate(
      {
        id: response.id,
        version: saver.currentVersion,
        answers: applicable(answers, applies),
        idempotencyKey: submitKey.current,
      },
      {
        onSuccess: () => {
          errors.clear();
          void deviceStore.remove(response.id);
          onSubmitted();
          window.scrollTo(0, 0);
        },
        onError: (error) => {
          if (error instanceof ApiError && error.status === 412) {
            setSaveState({ kind: 'conflict', message: error.message });
          } else if (error instanceof ApiError) {
            errors.showProblem(error.problem, 'answers');
          } else {
            errors.show([{ field: 'answers', message: error.message }]);
          }
        },
      },
    );
  };

  const renderEvidence = (field: ItemFieldProps) => (
    <ItemEvidence
      {...field}
      tenant={tenant}
      responseId={response.id}
      files={evidence.filter((file) => file.item_id === field.item.id)}
      onUploaded={(file) => {
        setEvidence((previous) => [...previous, file]);
        const current = (answers[field.item.id] ?? {}) as EvidenceAnswer;
        onAnswer(field.item.id, { ...current, files: [...(current.files ?? []), file.id] });
      }}
    />
  );

  const sectionApplies = (condition: Definition['sections'][number]['applies_when']) =>
    !condition || evaluateCondition(def, condition, answers, asOf);

  return (
    <>
      <BackLink href={auditPaths.inbox(tenant)} text="Your audits" />
      {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
      {saveState.kind === 'conflict' && (
        <NotificationBanner
          titleText="Important"
          titleId="conflict-title"
          role="alert"
          html={
            <>
              <h3 className="govuk-notification-banner__heading">
                A newer version of this audit was saved in another tab or on another device
              </h3>
              <p className="govuk-body">
                Your latest changes here have not been saved, so that neither copy overwrites the
                other. {saveState.message}.
              </p>
              <Button
                text="Load the newer version"
                classes="govuk-!-margin-bottom-0"
                onClick={() => void loadNewer()}
              />
            </>
          }
        />
      )}
      {recovered && (
        <NotificationBanner
          titleText="Important"
          titleId="recovered-title"
          text="Answers kept on this device while you were offline have been recovered and are being sent."
        />
      )}
      {olderCopy && (
        <NotificationBanner
          titleText="Important"
          titleId="older-copy-title"
          html={
            <>
              <p className="govuk-body">
                This device holds answers from {formatTime(olderCopy.savedAt)} that were never sent,
                but a newer version has been saved since. The newer version is shown.
              </p>
              <Button
                text="Use the answers on this device instead"
                classes="govuk-button--secondary govuk-!-margin-bottom-0"
                onClick={useOlderCopy}
              />
            </>
          }
        />
      )}
      <span className="govuk-caption-l">{response.local_id}</span>
      <h1 className="govuk-heading-l">Audit of {response.local_id}</h1>
      {response.reopened_reason && (
        <div className="govuk-inset-text">
          A QA lead reopened this audit: {response.reopened_reason}
        </div>
      )}
      <p className="govuk-body">
        Dates are counted to {countedTo(response.as_of)}. Your answers save as you go: you can stop
        and carry on later, here or on another device.
      </p>
      {personal.size > 0 && (
        <p className="govuk-body" data-testid="personal-note">
          Answers marked <strong>Personal data</strong> are never kept on this device. If you lose
          your connection they wait in this page until it returns, and are lost if you close the
          page first.
        </p>
      )}
      <div className="govuk-body govuk-!-font-weight-bold" role="status" data-testid="save-status">
        {saveMessage(saveState)}
      </div>
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <div id={fieldId('answers')} tabIndex={-1} />
        {def.sections.map((section) =>
          sectionApplies(section.applies_when) ? (
            <section key={section.id} aria-labelledby={`section-${section.id}`}>
              <h2 className="govuk-heading-m" id={`section-${section.id}`}>
                {section.title}
              </h2>
              {section.guidance && <p className="govuk-body">{section.guidance}</p>}
              {section.items.map((item) =>
                applies[item.id] ? (
                  <ItemField
                    key={item.id}
                    def={def}
                    item={item}
                    answer={answers[item.id]}
                    onAnswer={onAnswer}
                    errorFor={errors.messageFor}
                    computed={computed[item.id]}
                    milestone={milestones.get(item.id)}
                    organisations={organisations.data?.items ?? []}
                    renderEvidence={renderEvidence}
                  />
                ) : null,
              )}
            </section>
          ) : null,
        )}
        <h2 className="govuk-heading-m">Other evidence for this audit</h2>
        <EvidenceList tenant={tenant} files={evidence.filter((file) => !file.item_id)} />
        <EvidenceUpload
          tenant={tenant}
          responseId={response.id}
          id="evidence-response"
          label="Attach a file to the whole audit (optional)"
          onUploaded={(file) => setEvidence((previous) => [...previous, file])}
        />
        <Button
          type="submit"
          text="Submit the audit"
          disabled={submit.isPending || saveState.kind === 'conflict'}
        />
      </form>
    </>
  );
}

interface ItemEvidenceProps extends ItemFieldProps {
  tenant: string;
  responseId: string;
  files: Evidence[];
  onUploaded: (file: Evidence) => void;
}

/** An evidence question: files uploaded for real, and a note. */
function ItemEvidence(props: ItemEvidenceProps) {
  const { item, answer, onAnswer, errorFor } = props;
  const path = `answers.${item.id}`;
  const id = fieldId(path);
  const value = (answer && typeof answer === 'object' ? answer : {}) as EvidenceAnswer;

  return (
    <div className="govuk-form-group">
      <EvidenceUpload
        tenant={props.tenant}
        responseId={props.responseId}
        itemId={item.id}
        id={id}
        label={`${item.label}${item.required ? '' : ' (optional)'}`}
        hint={item.guidance}
        errorMessage={errorFor(path) ?? errorFor(`${path}.files`)}
        onUploaded={props.onUploaded}
      />
      <EvidenceList tenant={props.tenant} files={props.files} />
      <Textarea
        id={`${id}-note`}
        name={`${path}.note`}
        rows={2}
        label={{ text: 'Note about the evidence (optional)' }}
        errorMessage={errorFor(`${path}.note`)}
        value={value.note ?? ''}
        onChange={(event) => {
          const next = { ...value, note: event.target.value || undefined };
          onAnswer(item.id, next.files?.length || next.note ? next : undefined);
        }}
      />
    </div>
  );
}

/**
 * The day the statutory clocks run to: the day of submission once there is
 * one, and today while the audit is a draft. Written as GOV.UK writes dates.
 */
function countedTo(asOf?: string): string {
  if (!asOf) return 'today';

  return new Date(`${asOf}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}
