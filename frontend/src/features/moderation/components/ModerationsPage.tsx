import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  Button,
  ErrorSummary,
  NotificationBanner,
  Select,
  Table,
  TextInput,
} from '../../../components/govuk';
import { Link } from '../../../components/govuk/link';
import { ScrollRegion } from '../../../components/ScrollRegion';
import { useArea, useFlash } from '../../../lib/area';
import { fieldId, useFormErrors } from '../../../lib/forms';
import { usePageTitle } from '../../../lib/title';
import {
  stateNames,
  useDraw,
  useModerations,
  useReleaseFeedback,
  type Moderation,
  useRoundChoices,
} from '../api/moderation';
import { moderationPaths } from '../paths';
import { fieldOf, useModerationAccess } from './access';

/** Moderations: a QA lead's every one with the draw, a moderator's own. */
export function ModerationsPage() {
  const { tenant, areaName } = useArea();
  const [params] = useSearchParams();
  const roundId = params.get('round_id') ?? undefined;
  const flash = useFlash();
  const access = useModerationAccess();
  const list = useModerations(tenant, roundId);
  usePageTitle(`Moderation – ${areaName}`);
  if (list.error) throw list.error;

  return (
    <>
      {flash && <NotificationBanner type="success" text={flash} />}
      <h1 className="govuk-heading-l">Moderation</h1>
      <p className="govuk-body">
        A second auditor audits a sample of each round again without seeing the first audit. Once
        they submit, the two audits are compared and a result agreed.
      </p>
      {access.manage && <DrawForm tenant={tenant} />}
      <h2 className="govuk-heading-m">{access.manage ? 'Moderations' : 'Your moderations'}</h2>
      {!list.data ? (
        <p className="govuk-body" role="status">
          Loading…
        </p>
      ) : list.data.items.length === 0 ? (
        <p className="govuk-body">There are no moderations yet.</p>
      ) : (
        <ModerationsTable tenant={tenant} items={list.data.items} manage={access.manage} />
      )}
      {access.manage && (
        <>
          <p className="govuk-body">
            <Link href={moderationPaths.agreement(tenant)}>See how far auditors agree</Link>
          </p>
          <ReleaseForm tenant={tenant} />
        </>
      )}
    </>
  );
}

function ModerationsTable(props: { tenant: string; items: Moderation[]; manage: boolean }) {
  return (
    <ScrollRegion label="Moderations">
      <Table
        caption="Moderations, soonest due first"
        captionClasses="govuk-visually-hidden"
        head={[
          { text: 'Plan' },
          { text: 'Round' },
          { text: 'Moderator' },
          { text: 'Status' },
          { text: 'Due' },
        ]}
        rows={props.items.map((m) => {
          const done = m.state === 'submitted' || m.state === 'agreed';
          const href = done
            ? moderationPaths.comparison(props.tenant, m.id)
            : moderationPaths.moderation(props.tenant, m.id);

          return [
            { html: <Link href={href}>{m.local_id}</Link> },
            { text: m.round_name },
            { text: m.moderator_name },
            { text: stateNames[m.state] },
            { text: m.due_on },
          ];
        })}
      />
    </ScrollRegion>
  );
}

function DrawForm({ tenant }: { tenant: string }) {
  const rounds = useRoundChoices(tenant);
  const draw = useDraw(tenant);
  const errors = useFormErrors();
  const [roundId, setRoundId] = useState('');
  const [percent, setPercent] = useState('');
  const [perAuditor, setPerAuditor] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [outcome, setOutcome] = useState<string>();

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    setOutcome(undefined);
    try {
      const out = await draw.mutateAsync({
        round_id: roundId,
        percent: percent ? Number(percent) : undefined,
        per_auditor: perAuditor ? Number(perAuditor) : undefined,
        due_on: dueOn,
      });
      const unmatched = out.unmatched.length
        ? ` No auditor could moderate ${out.unmatched.join(', ')} without a conflict.`
        : '';
      setOutcome(`${out.items.length} moderations given out.${unmatched}`);
    } catch (error) {
      if (!fieldOf(error)) throw error;
      errors.showProblem(error.problem, 'round_id');
    }
  }

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate>
      {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
      {outcome && (
        <div className="govuk-inset-text" role="status">
          {outcome}
        </div>
      )}
      <h2 className="govuk-heading-m">Draw a moderation sample</h2>
      <Select
        id={fieldId('round_id')}
        name="round_id"
        label={{ text: 'Round' }}
        value={roundId}
        errorMessage={errors.messageFor('round_id')}
        onChange={(event) => setRoundId(event.target.value)}
        items={[
          { value: '', text: 'Choose a round' },
          ...(rounds.data?.items ?? []).map((r) => ({ value: r.id, text: r.name })),
        ]}
      />
      <TextInput
        id={fieldId('percent')}
        name="percent"
        inputmode="numeric"
        classes="govuk-input--width-3"
        label={{ text: 'Share of submitted audits to moderate, in per cent' }}
        hint={{ text: 'Give this or a number per auditor, not both' }}
        value={percent}
        errorMessage={errors.messageFor('percent')}
        onChange={(event) => setPercent(event.target.value)}
      />
      <TextInput
        id={fieldId('per_auditor')}
        name="per_auditor"
        inputmode="numeric"
        classes="govuk-input--width-3"
        label={{ text: 'Number of each auditor’s audits to moderate' }}
        value={perAuditor}
        errorMessage={errors.messageFor('per_auditor')}
        onChange={(event) => setPerAuditor(event.target.value)}
      />
      <TextInput
        id={fieldId('due_on')}
        name="due_on"
        classes="govuk-input--width-10"
        label={{ text: 'Moderation due date' }}
        hint={{ text: 'As year, month and day, for example 2026-12-11' }}
        value={dueOn}
        errorMessage={errors.messageFor('due_on')}
        onChange={(event) => setDueOn(event.target.value)}
      />
      <Button type="submit" text="Draw the sample" disabled={draw.isPending} />
    </form>
  );
}

/**
 * Sends a round's feedback: agreed results, and audits left unmoderated
 * past their deadline, that meet the instrument's rule go to the services
 * that contributed, once each.
 */
function ReleaseForm({ tenant }: { tenant: string }) {
  const rounds = useRoundChoices(tenant);
  const release = useReleaseFeedback(tenant);
  const errors = useFormErrors();
  const [roundId, setRoundId] = useState('');
  const [outcome, setOutcome] = useState<string>();

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    setOutcome(undefined);
    try {
      const out = await release.mutateAsync(roundId);
      setOutcome(
        `${out.queued} submitted audits will be checked against the feedback rule. ` +
          'Services hear about each poor result once.',
      );
    } catch (error) {
      if (!fieldOf(error)) throw error;
      // The API names the field round_id, which is the draw form's; this
      // form's own field takes the message.
      errors.show([
        {
          field: 'release_round_id',
          message:
            error.problem.errors?.[0]?.message ?? error.problem.detail ?? error.problem.title,
        },
      ]);
    }
  }

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate>
      {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
      <h2 className="govuk-heading-m">Send feedback to services</h2>
      <p className="govuk-body">
        Feedback goes when a result is agreed. For audits not moderated, or whose moderation is past
        its due date, send it here once the round is over.
      </p>
      {outcome && (
        <div className="govuk-inset-text" role="status">
          {outcome}
        </div>
      )}
      <Select
        id={fieldId('release_round_id')}
        name="release_round_id"
        label={{ text: 'Round to send feedback for' }}
        value={roundId}
        errorMessage={errors.messageFor('release_round_id')}
        onChange={(event) => setRoundId(event.target.value)}
        items={[
          { value: '', text: 'Choose a round' },
          ...(rounds.data?.items ?? []).map((r) => ({ value: r.id, text: r.name })),
        ]}
      />
      <Button
        type="submit"
        text="Send the round’s feedback"
        classes="govuk-button--secondary"
        disabled={release.isPending}
      />
    </form>
  );
}
