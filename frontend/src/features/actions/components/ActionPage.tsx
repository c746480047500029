import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router-dom';
import {
  BackLink,
  Button,
  ErrorSummary,
  NotificationBanner,
  Link,
  SummaryList,
  Table,
  Tag,
  Textarea,
} from '../../../components/govuk';
import { ScrollRegion } from '../../../components/ScrollRegion';
import { useArea, useFlash } from '../../../lib/area';
import { fieldId, useFormErrors } from '../../../lib/forms';
import { ApiError, networkProblem } from '../../../lib/problem';
import { usePageTitle } from '../../../lib/title';
import {
  followUpPurposes,
  statuses,
  useAction,
  useAddUpdate,
  useFollowUps,
  type Action,
} from '../api/actions';
import { actionPaths } from '../paths';
import { usePlanAccess } from './access';
import { longDate, RagTag } from './ActionsTable';

const sourceKinds: Record<string, string> = {
  response: 'An audit',
  moderation: 'A moderation',
  feedback: 'Feedback to a service',
};

/** An action: its details, its progress so far and the evidence of its impact. */
export function ActionPage() {
  const { tenant, areaName } = useArea();
  const { actionId = '' } = useParams();
  const flash = useFlash();
  const action = useAction(tenant, actionId);
  const access = usePlanAccess(tenant);
  usePageTitle(`${action.data?.title ?? 'Action'} – ${areaName}`);

  if (action.error) throw action.error;
  if (!action.data) {
    return (
      <p className="govuk-body" role="status">
        Loading…
      </p>
    );
  }
  const current = action.data;
  const mayKeep = access.mayKeep(current.plan);
  const mayWrite = mayKeep || current.owner_id === access.personId;
  const back =
    current.plan.kind === 'practice'
      ? actionPaths.plan(tenant)
      : actionPaths.localPlan(tenant, current.plan.id);

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {flash && <NotificationBanner type="success" text={flash} />}
        <BackLink href={back} text={`Back to ${current.plan.title}`} />
        <span className="govuk-caption-l">{current.plan.title}</span>
        <h1 className="govuk-heading-l">{current.title}</h1>
        <SummaryList rows={detailRows(current)} />
        {mayKeep && (
          <Button
            text="Change the action, its status or RAG"
            classes="govuk-button--secondary"
            href={actionPaths.editAction(tenant, current.id)}
          />
        )}
        <h2 className="govuk-heading-m">Evidence of impact</h2>
        <p className="govuk-body">{current.impact || 'None recorded yet.'}</p>
        <h2 className="govuk-heading-m">Progress</h2>
        {current.updates.length === 0 ? (
          <p className="govuk-body">No progress has been written yet.</p>
        ) : (
          <ol className="govuk-list" aria-label="Progress updates">
            {current.updates.map((update) => (
              <li key={update.id} className="govuk-!-margin-bottom-4">
                <p className="govuk-body-s govuk-!-margin-bottom-1">
                  {longDate(update.written_on)}, {update.author_name}
                </p>
                <p className="govuk-body">{update.body}</p>
              </li>
            ))}
          </ol>
        )}
        {mayWrite && <ProgressForm tenant={tenant} actionId={current.id} />}
        <FollowUps tenant={tenant} actionId={current.id} mayPlan={access.managesAll} />
      </div>
    </div>
  );
}

function detailRows(action: Action) {
  return [
    { key: { text: 'Owner' }, value: { text: action.owner_name } },
    {
      key: { text: 'Due' },
      value: {
        html: (
          <>
            {longDate(action.due_on)}
            {action.overdue && (
              <>
                {' '}
                <Tag text="Overdue" classes="govuk-tag--red" />
              </>
            )}
          </>
        ),
      },
    },
    { key: { text: 'Status' }, value: { text: statuses[action.status] } },
    { key: { text: 'RAG' }, value: { html: <RagTag rag={action.rag} /> } },
    ...(action.description
      ? [{ key: { text: 'Details' }, value: { text: action.description } }]
      : []),
    ...(action.source
      ? [
          {
            key: { text: 'Raised from' },
            value: { text: sourceKinds[action.source.kind] ?? action.source.kind },
          },
        ]
      : []),
  ];
}

const auditStatuses: Record<string, string> = {
  sampled: 'Not given yet',
  allocated: 'Not started',
  in_progress: 'In progress',
  submitted: 'Submitted',
};

/** Turns a result's label, such as requires_improvement, into words. */
function resultWords(label: string) {
  const words = label.replaceAll('_', ' ');

  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The re-audits and dip samples the action scheduled, with their results. */
function FollowUps(props: { tenant: string; actionId: string; mayPlan: boolean }) {
  const followUps = useFollowUps(props.tenant, props.actionId);
  const items = followUps.data?.items ?? [];

  return (
    <>
      <h2 className="govuk-heading-m">Re-audits and dip samples</h2>
      {followUps.isPending && <p className="govuk-body">Loading follow-up audits…</p>}
      {followUps.isSuccess && items.length === 0 && (
        <p className="govuk-body">None has been scheduled for this action.</p>
      )}
      {items.map((followUp) => (
        <div key={followUp.round.id} className="govuk-!-margin-bottom-6">
          <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
            {props.mayPlan ? (
              <Link
                className="govuk-link"
                href={actionPaths.round(props.tenant, followUp.round.id)}
              >
                {followUp.round.name}
              </Link>
            ) : (
              followUp.round.name
            )}
          </h3>
          <p className="govuk-body-s govuk-!-margin-bottom-2">
            {followUpPurposes[followUp.round.purpose as keyof typeof followUpPurposes] ??
              followUp.round.purpose}
            , due {longDate(followUp.round.due_on)}
          </p>
          <ScrollRegion label={`Audits of ${followUp.round.name}`}>
            <Table
              caption={`Audits of ${followUp.round.name}`}
              captionClasses="govuk-visually-hidden"
              head={[{ text: 'File' }, { text: 'Auditor' }, { text: 'Status' }, { text: 'Result' }]}
              rows={followUp.audits.map((audit) => [
                { text: audit.local_id },
                { text: audit.auditor_name || 'Nobody yet' },
                { text: auditStatuses[audit.status] ?? audit.status },
                { text: audit.result ? resultWords(audit.result) : 'Not yet' },
              ])}
            />
          </ScrollRegion>
        </div>
      ))}
      {props.mayPlan && (
        <Button
          text="Schedule a re-audit or dip sample"
          classes="govuk-button--secondary"
          href={actionPaths.newFollowUp(props.tenant, props.actionId)}
        />
      )}
    </>
  );
}

/** Appends a progress update; updates are never changed afterwards. */
function ProgressForm(props: { tenant: string; actionId: string }) {
  const add = useAddUpdate(props.tenant, props.actionId);
  const errors = useFormErrors();
  const [body, setBody] = useState('');
  const [saved, setSaved] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    if (body.trim() === '') {
      errors.show([{ field: 'body', message: 'Enter the progress made' }]);

      return;
    }
    try {
      await add.mutateAsync({ body: body.trim() });
      errors.clear();
      setBody('');
      setSaved(true);
    } catch (error) {
      errors.showProblem(error instanceof ApiError ? error.problem : networkProblem, 'body');
    }
  }

  return (
    <>
      {saved && <NotificationBanner type="success" text="Your progress update has been added." />}
      {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
      <form noValidate onSubmit={(event) => void submit(event)}>
        <Textarea
          id={fieldId('body')}
          name="body"
          label={{ text: 'Add a progress update', classes: 'govuk-label--s' }}
          hint={{ text: 'It is dated today and cannot be changed once added' }}
          value={body}
          errorMessage={errors.messageFor('body')}
          onChange={(event) => setBody(event.target.value)}
        />
        <Button text="Add update" disabled={add.isPending} />
      </form>
    </>
  );
}
