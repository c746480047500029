import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router-dom';
import {
  BackLink,
  Button,
  ErrorSummary,
  FileUpload,
  Link,
  SummaryList,
  Table,
  TextInput,
  Textarea,
} from '../../../components/govuk';
import { ScrollRegion } from '../../../components/ScrollRegion';
import { fieldId } from '../../../lib/forms';
import { usePageTitle } from '../../../lib/title';
import {
  byTheme,
  decisionText,
  formatDate,
  ratingText,
  standardStateText,
  stateText,
  useInbox,
  useOwnAudit,
  useProviderActions,
  type ProviderAudit,
  type Standard,
} from '../api/providers';
import { providerPaths } from '../paths';
import { Files, RatingTag, useAction } from './shared';

type Actions = ReturnType<typeof useProviderActions>;

/** A provider's one inbox: its audits in every council. */
export function InboxPage() {
  usePageTitle('Your quality standards audits');
  const inbox = useInbox();
  if (inbox.error && !(inbox.error as { problem?: { status?: number } }).problem) throw inbox.error;

  return (
    <>
      <h1 className="govuk-heading-l">Your quality standards audits</h1>
      <p className="govuk-body">
        Every council that audits your provision asks here, so that you answer in one place.
      </p>
      {inbox.error ? (
        <p className="govuk-body">You do not speak for an alternative provision provider.</p>
      ) : !inbox.data ? (
        <p className="govuk-body" role="status">
          Loading…
        </p>
      ) : inbox.data.items.length === 0 ? (
        <p className="govuk-body">No council is auditing your provision now.</p>
      ) : (
        <ScrollRegion label="Audits">
          <Table
            caption="Audits by council"
            captionClasses="govuk-visually-hidden"
            head={[
              { text: 'Council' },
              { text: 'Status' },
              { text: 'Evidence due' },
              { text: 'Standards to do', format: 'numeric' },
            ]}
            rows={inbox.data.items.map((a) => [
              { html: <Link href={providerPaths.ownAudit(a.id)}>{a.tenant_name}</Link> },
              { text: stateText[a.state] },
              { text: formatDate(a.evidence_due_on) },
              { text: String(a.evidence_outstanding), format: 'numeric' },
            ])}
          />
        </ScrollRegion>
      )}
    </>
  );
}

/** One audit from the provider's side: statements, files, submission, challenges. */
export function OwnAuditPage() {
  const { auditId = '' } = useParams();
  const audit = useOwnAudit(auditId);
  const actions = useProviderActions(auditId);
  usePageTitle(`Audit by ${audit.data?.tenant_name ?? 'a council'}`);
  if (audit.error) throw audit.error;
  if (!audit.data) {
    return (
      <p className="govuk-body" role="status">
        Loading…
      </p>
    );
  }
  const a = audit.data;
  const gathering = a.state === 'requested' || a.state === 'more_evidence';

  return (
    <>
      <BackLink href={providerPaths.inbox()} text="Back to your audits" />
      <span className="govuk-caption-l">{a.tenant_name}</span>
      <h1 className="govuk-heading-l">Quality standards audit of {a.provider_name}</h1>
      <SummaryList
        rows={[
          { key: { text: 'Status' }, value: { text: stateText[a.state] } },
          { key: { text: 'Evidence due' }, value: { text: formatDate(a.evidence_due_on) } },
          ...(a.state === 'decided'
            ? [
                {
                  key: { text: 'Overall rating' },
                  value: { html: <RatingTag rating={a.overall} /> },
                },
                { key: { text: 'Decision' }, value: { text: decisionText[a.decision] ?? '' } },
                { key: { text: 'Review date' }, value: { text: formatDate(a.review_on) } },
              ]
            : []),
        ]}
      />
      {gathering && <ExtensionForm audit={a} actions={actions} />}
      {byTheme(a.standards).map(([theme, standards]) => (
        <section key={theme} aria-label={theme}>
          <h2 className="govuk-heading-m">{theme}</h2>
          {standards.map((s) => (
            <OwnStandard key={s.key} audit={a} standard={s} actions={actions} />
          ))}
        </section>
      ))}
      {gathering && <SubmitForm audit={a} actions={actions} />}
    </>
  );
}

function OwnStandard(props: { audit: ProviderAudit; standard: Standard; actions: Actions }) {
  const { standard: s, audit } = props;
  const open = (s.state === 'requested' || s.state === 'draft') && audit.state !== 'decided';
  const challenges = audit.challenges.filter((c) => c.standard_key === s.key);
  const challengeOpen = challenges.some((c) => !c.answered_at);

  return (
    <section aria-labelledby={`standard-${s.key}`} className="govuk-!-margin-bottom-8">
      <h3 className="govuk-heading-s" id={`standard-${s.key}`}>
        {s.title}
      </h3>
      <p className="govuk-body">
        {standardStateText[s.state]}
        {s.state === 'rated' && (
          <>
            {' '}
            · <RatingTag rating={s.rating} />
          </>
        )}
      </p>
      {s.guidance && <p className="govuk-hint">{s.guidance}</p>}
      {s.more_request && open && (
        <div className="govuk-inset-text">The council asks for more: {s.more_request}</div>
      )}
      {open ? (
        <StatementForm standard={s} actions={props.actions} />
      ) : (
        <p className="govuk-body">{s.statement}</p>
      )}
      <Files files={s.evidence} href={(file) => providerPaths.ownEvidence(audit.id, file)} />
      {open && <UploadField standard={s} actions={props.actions} />}
      {s.feedback && s.state === 'rated' && (
        <p className="govuk-body">
          <strong>Feedback:</strong> {s.feedback}
        </p>
      )}
      {challenges.map((c) => (
        <div key={c.id} className="govuk-inset-text">
          <p className="govuk-body">Your challenge: {c.reasons}</p>
          <p className="govuk-body">
            {c.answered_at
              ? `${c.outcome === 'upheld' ? `Upheld, now ${ratingText[c.new_rating]}` : 'Not upheld'}: ${c.answer}`
              : 'Waiting for the council’s answer.'}
          </p>
        </div>
      ))}
      {s.state === 'rated' && !challengeOpen && (
        <ChallengeForm standard={s} actions={props.actions} />
      )}
    </section>
  );
}

function StatementForm({ standard: s, actions }: { standard: Standard; actions: Actions }) {
  const prefix = `standards.${s.key}.`;
  const { errors, run } = useAction(prefix, 'statement');
  const [text, setText] = useState(s.statement);
  const [saved, setSaved] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSaved(
      await run(() =>
        actions.statement.mutateAsync({ key: s.key, version: s.version, statement: text }),
      ),
    );
  }

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate>
      {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
      <Textarea
        id={fieldId(`${prefix}statement`)}
        name={`${prefix}statement`}
        rows={4}
        label={{ text: `How you meet ${s.title}`, classes: 'govuk-label--s' }}
        value={text}
        errorMessage={errors.messageFor(`${prefix}statement`)}
        onChange={(event) => {
          setText(event.target.value);
          setSaved(false);
        }}
      />
      <Button
        type="submit"
        text={`Save the draft of ${s.title}`}
        classes="govuk-button--secondary"
        disabled={actions.statement.isPending}
      />
      <p className="govuk-body-s" aria-live="polite">
        {saved ? 'Draft saved.' : ''}
      </p>
    </form>
  );
}

function UploadField({ standard: s, actions }: { standard: Standard; actions: Actions }) {
  const id = `standards.${s.key}.evidence`;
  const [message, setMessage] = useState<string>();
  const [problem, setProblem] = useState<string>();

  const upload = async (file: File) => {
    setMessage(undefined);
    setProblem(undefined);
    try {
      await actions.upload.mutateAsync({ key: s.key, file });
      setMessage(`${file.name} is attached.`);
    } catch (error) {
      setProblem(`${file.name} could not be attached: ${(error as Error).message}`);
    }
  };

  return (
    <>
      <FileUpload
        id={fieldId(id)}
        name={id}
        label={{ text: `Evidence for ${s.title}`, classes: 'govuk-label--s' }}
        hint={{
          text: 'A PDF, picture, text, Word or Excel file, attached as soon as you choose it.',
        }}
        errorMessage={problem ? { text: problem } : undefined}
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) void upload(file);
          event.target.value = '';
        }}
      />
      <p className="govuk-body-s" aria-live="polite">
        {actions.upload.isPending ? 'Attaching the file…' : message}
      </p>
    </>
  );
}

function ChallengeForm({ standard: s, actions }: { standard: Standard; actions: Actions }) {
  const prefix = `challenge.${s.key}.`;
  const { errors, run } = useAction(prefix, 'reasons');
  const [reasons, setReasons] = useState('');

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    await run(() => actions.challenge.mutateAsync({ standard_key: s.key, reasons }));
  }

  return (
    <details className="govuk-details">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Challenge the rating of {s.title}</span>
      </summary>
      <div className="govuk-details__text">
        <form onSubmit={(event) => void onSubmit(event)} noValidate>
          {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
          <Textarea
            id={fieldId(`${prefix}reasons`)}
            name={`${prefix}reasons`}
            rows={3}
            label={{ text: `Your reasons for challenging ${s.title}`, classes: 'govuk-label--s' }}
            value={reasons}
            errorMessage={errors.messageFor(`${prefix}reasons`)}
            onChange={(event) => setReasons(event.target.value)}
          />
          <Button type="submit" text={`Send the challenge of ${s.title}`} />
        </form>
      </div>
    </details>
  );
}

function ExtensionForm({ audit, actions }: { audit: ProviderAudit; actions: Actions }) {
  const { errors, run } = useAction('extension.', 'until');
  const [until, setUntil] = useState('');
  const [reason, setReason] = useState('');

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    await run(() => actions.extension.mutateAsync({ version: audit.version, until, reason }));
  }

  if (audit.extension_until) {
    return (
      <div className="govuk-inset-text" role="status">
        You asked for more time, until {formatDate(audit.extension_until)}. The council will answer.
      </div>
    );
  }

  return (
    <details className="govuk-details">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Ask for more time</span>
      </summary>
      <div className="govuk-details__text">
        <form onSubmit={(event) => void onSubmit(event)} noValidate>
          {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
          <TextInput
            id={fieldId('extension.until')}
            name="extension.until"
            classes="govuk-input--width-10"
            label={{ text: 'The date you need', classes: 'govuk-label--s' }}
            hint={{ text: 'As year, month and day, for example 2027-01-15' }}
            value={until}
            errorMessage={errors.messageFor('extension.until')}
            onChange={(event) => setUntil(event.target.value)}
          />
          <Textarea
            id={fieldId('extension.reason')}
            name="extension.reason"
            rows={3}
            label={{ text: 'Why you need more time', classes: 'govuk-label--s' }}
            value={reason}
            errorMessage={errors.messageFor('extension.reason')}
            onChange={(event) => setReason(event.target.value)}
          />
          <Button type="submit" text="Ask for more time" classes="govuk-button--secondary" />
        </form>
      </div>
    </details>
  );
}

function SubmitForm({ audit, actions }: { audit: ProviderAudit; actions: Actions }) {
  const { errors, run } = useAction('', 'submit');

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    await run(() => actions.submit.mutateAsync({ version: audit.version }));
  }

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate>
      {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
      <h2 className="govuk-heading-m">Send your evidence</h2>
      <p className="govuk-body">
        Each standard needs a statement and at least one file. Once sent, the council rates them.
      </p>
      <Button type="submit" id={fieldId('submit')} text="Submit the evidence" />
    </form>
  );
}
