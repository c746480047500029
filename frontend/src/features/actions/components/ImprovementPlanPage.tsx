import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import {
  Button,
  Checkboxes,
  ErrorSummary,
  NotificationBanner,
  Select,
} from '../../../components/govuk';
import { CursorPagination } from '../../../components/CursorPagination';
import { useArea, useFlash } from '../../../lib/area';
import { useFormErrors } from '../../../lib/forms';
import { membersQuery } from '../../../lib/members';
import { ApiError, networkProblem } from '../../../lib/problem';
import { usePageTitle } from '../../../lib/title';
import {
  statuses,
  useActions,
  useCreatePlan,
  usePlans,
  type ActionFilter,
  type ActionStatus,
  type Plan,
} from '../api/actions';
import { actionPaths } from '../paths';
import { usePlanAccess } from './access';
import { ActionsTable } from './ActionsTable';

function filterFrom(params: URLSearchParams): ActionFilter {
  const status = params.get('status');

  return {
    plan_id: params.get('plan') ?? undefined,
    owner_id: params.get('owner') ?? undefined,
    status: status && status in statuses ? (status as ActionStatus) : undefined,
    overdue: params.get('overdue') === 'true' || undefined,
    cursor: params.get('cursor') ?? undefined,
  };
}

/** The filter as an address, without empty fields; `cursor` picks a page. */
function searchOf(filter: ActionFilter, cursor?: string) {
  const search = new URLSearchParams();
  if (filter.plan_id) search.set('plan', filter.plan_id);
  if (filter.owner_id) search.set('owner', filter.owner_id);
  if (filter.status) search.set('status', filter.status);
  if (filter.overdue) search.set('overdue', 'true');
  if (cursor) search.set('cursor', cursor);
  const text = search.toString();

  return text ? `?${text}` : '';
}

function planName(plan: Plan) {
  return plan.kind === 'practice' ? plan.title : `${plan.organisation_name}: ${plan.title}`;
}

/**
 * The practice improvement plan: every action of the area's plans, with
 * their RAG ratings, narrowed by plan (a service's local plan), status,
 * owner or lateness; and the services' local plans.
 */
export function ImprovementPlanPage() {
  const { tenant, areaName } = useArea();
  const flash = useFlash();
  const [params, setParams] = useSearchParams();
  const filter = filterFrom(params);
  const plans = usePlans(tenant);
  const actions = useActions(tenant, filter);
  const access = usePlanAccess(tenant);
  usePageTitle(`Improvement plan – ${areaName}`);

  if (plans.error) throw plans.error;
  if (actions.error) throw actions.error;

  const practice = plans.data?.items.find((plan) => plan.kind === 'practice');
  const locals = plans.data?.items.filter((plan) => plan.kind === 'local') ?? [];
  const base = actionPaths.plan(tenant);
  const next = actions.data?.next_cursor;

  return (
    <>
      {flash && <NotificationBanner type="success" text={flash} />}
      <span className="govuk-caption-l">{areaName}</span>
      <h1 className="govuk-heading-l">Improvement plan</h1>
      <p className="govuk-body">
        The actions that answer what audits, moderation and feedback found, with who owns each, when
        it is due and how it is going.
      </p>
      {plans.data && !practice && access.managesAll && <SetUpPracticePlan tenant={tenant} />}
      {practice && access.mayKeep(practice) && (
        <Button text="Add an action" href={actionPaths.newAction(tenant, practice.id)} />
      )}
      <FilterForm
        key={params.toString()}
        tenant={tenant}
        plans={plans.data?.items ?? []}
        initial={filter}
        onApply={(chosen) => setParams(new URLSearchParams(searchOf(chosen).slice(1)))}
      />
      <h2 className="govuk-heading-m">Actions</h2>
      {!actions.data ? (
        <p className="govuk-body" role="status">
          Loading actions…
        </p>
      ) : actions.data.items.length === 0 ? (
        <p className="govuk-body" role="status">
          No actions match.
        </p>
      ) : (
        <ActionsTable tenant={tenant} actions={actions.data.items} showPlan />
      )}
      <CursorPagination
        cursor={filter.cursor}
        next={next}
        href={(cursor) => base + searchOf(filter, cursor)}
      />
      <h2 className="govuk-heading-m">Local plans</h2>
      {locals.length === 0 ? (
        <p className="govuk-body">No service has a local plan yet.</p>
      ) : (
        <ul className="govuk-list">
          {locals.map((plan) => (
            <li key={plan.id}>
              <Link className="govuk-link" to={actionPaths.localPlan(tenant, plan.id)}>
                {planName(plan)}
              </Link>
            </li>
          ))}
        </ul>
      )}
      {access.managesAll && (
        <Button
          text="Set up a local plan"
          classes="govuk-button--secondary"
          href={actionPaths.newLocalPlan(tenant)}
        />
      )}
    </>
  );
}

function SetUpPracticePlan({ tenant }: { tenant: string }) {
  const create = useCreatePlan(tenant);
  const errors = useFormErrors();
  const navigate = useNavigate();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    try {
      await create.mutateAsync({ kind: 'practice', title: 'Practice improvement plan' });
      navigate(actionPaths.plan(tenant), {
        state: { flash: 'The practice improvement plan has been set up.' },
      });
    } catch (error) {
      errors.showProblem(error instanceof ApiError ? error.problem : networkProblem);
    }
  }

  return (
    <form noValidate onSubmit={(event) => void submit(event)}>
      {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
      <p className="govuk-body">The area has no practice improvement plan yet.</p>
      <Button text="Set up the practice improvement plan" disabled={create.isPending} />
    </form>
  );
}

function FilterForm(props: {
  tenant: string;
  plans: Plan[];
  initial: ActionFilter;
  onApply: (filter: ActionFilter) => void;
}) {
  const access = usePlanAccess(props.tenant);
  // Only those who read members can pick any owner; others pick themselves.
  const members = useQuery({ ...membersQuery(props.tenant), enabled: access.managesAll });
  const [plan, setPlan] = useState(props.initial.plan_id ?? '');
  const [owner, setOwner] = useState(props.initial.owner_id ?? '');
  const [status, setStatus] = useState<string>(props.initial.status ?? '');
  const [overdue, setOverdue] = useState(props.initial.overdue ?? false);

  const owners = access.managesAll
    ? (members.data?.items ?? []).map((m) => ({ value: m.person_id, text: m.name }))
    : access.personId
      ? [{ value: access.personId, text: 'Me' }]
      : [];

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    props.onApply({
      plan_id: plan || undefined,
      owner_id: owner || undefined,
      status: (status || undefined) as ActionStatus | undefined,
      overdue: overdue || undefined,
    });
  }

  return (
    <form noValidate onSubmit={submit} aria-label="Filter actions">
      <h2 className="govuk-heading-m">Filter</h2>
      <Select
        id="plan"
        name="plan"
        label={{ text: 'Plan or service', classes: 'govuk-label--s' }}
        value={plan}
        items={[
          { value: '', text: 'Every plan' },
          ...props.plans.map((p) => ({ value: p.id, text: planName(p) })),
        ]}
        onChange={(event) => setPlan(event.target.value)}
      />
      <Select
        id="owner"
        name="owner"
        label={{ text: 'Owner', classes: 'govuk-label--s' }}
        value={owner}
        items={[{ value: '', text: 'Anyone' }, ...owners]}
        onChange={(event) => setOwner(event.target.value)}
      />
      <Select
        id="status"
        name="status"
        label={{ text: 'Status', classes: 'govuk-label--s' }}
        value={status}
        items={[
          { value: '', text: 'Any status' },
          ...Object.entries(statuses).map(([value, text]) => ({ value, text })),
        ]}
        onChange={(event) => setStatus(event.target.value)}
      />
      <Checkboxes
        idPrefix="overdue"
        name="overdue"
        fieldset={{ legend: { text: 'Lateness', classes: 'govuk-fieldset__legend--s' } }}
        values={overdue ? ['true'] : []}
        items={[{ value: 'true', text: 'Only overdue actions' }]}
        onChange={(event) => setOverdue(event.target.checked)}
      />
      <Button text="Apply filter" classes="govuk-button--secondary" />
    </form>
  );
}
