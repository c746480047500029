import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router-dom';
import {
  BackLink,
  Button,
  ErrorSummary,
  SummaryList,
  TextInput,
  Textarea,
} from '../../../components/govuk';
import { Link } from '../../../components/govuk/link';
import { api, unwrap } from '../../../lib/api';
import { useArea } from '../../../lib/area';
import { fieldId, useFormErrors } from '../../../lib/forms';
import { usePageTitle } from '../../../lib/title';
import {
  labelText,
  useAddRemedialAction,
  useFeedback,
  useReply,
  type Feedback,
} from '../api/moderation';
import { moderationPaths } from '../paths';
import { fieldOf, useModerationAccess } from './access';

/** One piece of feedback: the findings, the service's response and its actions. */
export function FeedbackPage() {
  const { tenant, areaName } = useArea();
  const { feedbackId = '' } = useParams();
  const feedback = useFeedback(tenant, feedbackId);
  usePageTitle(`Feedback on ${feedback.data?.local_id ?? 'a plan'} – ${areaName}`);
  if (feedback.error) throw feedback.error;
  if (!feedback.data) {
    return (
      <p className="govuk-body" role="status">
        Loading…
      </p>
    );
  }
  const f = feedback.data;

  return (
    <>
      <BackLink href={moderationPaths.feedbackList(tenant)} text="Back to feedback" />
      <span className="govuk-caption-l">{f.service}</span>
      <h1 className="govuk-heading-l">Feedback on {f.local_id}</h1>
      <SummaryList
        rows={[
          { key: { text: 'Round' }, value: { text: f.round_name } },
          { key: { text: 'Result' }, value: { text: labelText(f.overall) } },
          {
            key: { text: 'Status' },
            value: { text: f.state === 'answered' ? 'Answered' : 'Awaiting a response' },
          },
        ]}
      />
      <h2 className="govuk-heading-m">Findings</h2>
      {f.findings.length === 0 ? (
        <p className="govuk-body">The audit’s overall result fell short; no single section did.</p>
      ) : (
        <ul className="govuk-list govuk-list--bullet">
          {f.findings.map((x) => (
            <li key={x.section}>
              {x.title}: {labelText(x.label)}
            </li>
          ))}
        </ul>
      )}
      <ReplyForm tenant={tenant} feedback={f} />
      <ActionForm tenant={tenant} feedback={f} />
    </>
  );
}

function ReplyForm({ tenant, feedback }: { tenant: string; feedback: Feedback }) {
  const reply = useReply(tenant, feedback.id);
  const errors = useFormErrors();
  const [text, setText] = useState(feedback.reply);
  const [saved, setSaved] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    setSaved(false);
    try {
      await reply.mutateAsync({ reply: text, version: feedback.version });
      setSaved(true);
    } catch (error) {
      if (!fieldOf(error)) throw error;
      errors.showProblem(error.problem, 'reply');
    }
  }

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate>
      {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
      <h2 className="govuk-heading-m">The service’s response</h2>
      {saved && (
        <div className="govuk-inset-text" role="status">
          Your response is saved.
        </div>
      )}
      <Textarea
        id={fieldId('reply')}
        name="reply"
        label={{ text: 'Your response to the findings', classes: 'govuk-label--s' }}
        value={text}
        errorMessage={errors.messageFor('reply')}
        onChange={(event) => setText(event.target.value)}
      />
      <Button type="submit" text="Save the response" disabled={reply.isPending} />
    </form>
  );
}

/** The service's local plan, where its remedial actions go. */
function useLocalPlan(tenant: string, organisationId: string | null | undefined) {
  return useQuery({
    queryKey: ['t', tenant, 'action-plans', 'local', organisationId],
    enabled: Boolean(organisationId),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/action-plans', {
          params: {
            path: { tenant },
            query: { kind: 'local', organisation_id: organisationId ?? undefined },
          },
          signal,
        }),
      ),
  });
}

function ActionForm({ tenant, feedback }: { tenant: string; feedback: Feedback }) {
  const plans = useLocalPlan(tenant, feedback.organisation_id);
  const create = useAddRemedialAction(tenant);
  const { personId } = useModerationAccess();
  const errors = useFormErrors();
  const [title, setTitle] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [added, setAdded] = useState<{ id: string; title: string }>();
  const plan = plans.data?.items[0];

  if (!plan) {
    return (
      <p className="govuk-body">
        {plans.isLoading
          ? 'Loading the service’s plan…'
          : 'This service has no local plan yet; a QA lead can set one up for it.'}
      </p>
    );
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    try {
      const action = await create.mutateAsync({
        plan_id: plan!.id,
        title,
        owner_id: personId,
        due_on: dueOn,
        source: { kind: 'feedback', id: feedback.id },
      });
      setAdded({ id: action.id, title: action.title });
      setTitle('');
      setDueOn('');
    } catch (error) {
      if (!fieldOf(error)) throw error;
      errors.showProblem(error.problem, 'title');
    }
  }

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate>
      {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
      <h2 className="govuk-heading-m">Add a remedial action</h2>
      <p className="govuk-body">
        It goes into {plan.title}, linked to this feedback, with you as its owner.
      </p>
      {added && (
        <div className="govuk-inset-text" role="status">
          Action added: <Link href={moderationPaths.action(tenant, added.id)}>{added.title}</Link>
        </div>
      )}
      <TextInput
        id={fieldId('title')}
        name="title"
        label={{ text: 'Action', classes: 'govuk-label--s' }}
        value={title}
        errorMessage={errors.messageFor('title')}
        onChange={(event) => setTitle(event.target.value)}
      />
      <TextInput
        id={fieldId('due_on')}
        name="due_on"
        classes="govuk-input--width-10"
        label={{ text: 'Due date', classes: 'govuk-label--s' }}
        hint={{ text: 'As year, month and day, for example 2027-03-31' }}
        value={dueOn}
        errorMessage={errors.messageFor('due_on')}
        onChange={(event) => setDueOn(event.target.value)}
      />
      <Button type="submit" text="Add the action" disabled={create.isPending} />
    </form>
  );
}
