import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router-dom';
import { BackLink } from '../../../components/govuk';
import { useArea } from '../../../lib/area';
import { useFormErrors } from '../../../lib/forms';
import { membersQuery } from '../../../lib/members';
import { ApiError, networkProblem } from '../../../lib/problem';
import { showSaveFailure } from '../../../lib/saveFailure';
import { usePageTitle } from '../../../lib/title';
import { useAction, useCreateAction, usePlan, useUpdateAction } from '../api/actions';
import { actionPaths } from '../paths';
import { usePlanAccess } from './access';
import { ActionForm, bodyOf, emptyAction, fieldsOf, type ActionFields } from './ActionForm';

/**
 * Who may own an action: every member for those who read the members list,
 * otherwise the person themself (the plan's lead) and the current owner.
 */
function useOwners(tenant: string, current?: { id: string; name: string }) {
  const access = usePlanAccess(tenant);
  const members = useQuery({ ...membersQuery(tenant), enabled: access.managesAll });
  if (access.managesAll) {
    return (members.data?.items ?? []).map((m) => ({ value: m.person_id, text: m.name }));
  }
  const owners = access.personId ? [{ value: access.personId, text: 'Me' }] : [];
  if (current && current.id !== access.personId) {
    owners.push({ value: current.id, text: current.name });
  }

  return owners;
}

function Loading() {
  return (
    <p className="govuk-body" role="status">
      Loading…
    </p>
  );
}

/** Adds an action to a plan. */
export function NewActionPage() {
  const { tenant, areaName } = useArea();
  const { planId = '' } = useParams();
  const plan = usePlan(tenant, planId);
  const create = useCreateAction(tenant);
  const owners = useOwners(tenant);
  const errors = useFormErrors();
  const navigate = useNavigate();
  usePageTitle(`Add an action – ${areaName}`, { error: errors.hasErrors });

  if (plan.error) throw plan.error;
  if (!plan.data) return <Loading />;
  const back =
    plan.data.kind === 'practice'
      ? actionPaths.plan(tenant)
      : actionPaths.localPlan(tenant, planId);

  async function save(fields: ActionFields) {
    try {
      const action = await create.mutateAsync({ plan_id: planId, ...bodyOf(fields) });
      navigate(actionPaths.action(tenant, action.id), {
        state: { flash: 'The action has been added.' },
      });
    } catch (error) {
      errors.showProblem(error instanceof ApiError ? error.problem : networkProblem, 'title');
    }
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={back} text={`Back to ${plan.data.title}`} />
        <span className="govuk-caption-l">{plan.data.title}</span>
        <h1 className="govuk-heading-l">Add an action</h1>
        <ActionForm
          initial={emptyAction}
          owners={owners}
          errors={errors}
          submitText="Add action"
          pending={create.isPending}
          onSubmit={(fields) => void save(fields)}
        />
      </div>
    </div>
  );
}

/** Changes an action: its details, owner, due date, status, RAG or impact. */
export function EditActionPage() {
  const { tenant, areaName } = useArea();
  const { actionId = '' } = useParams();
  const action = useAction(tenant, actionId);
  const update = useUpdateAction(tenant, actionId);
  const owners = useOwners(
    tenant,
    action.data ? { id: action.data.owner_id, name: action.data.owner_name } : undefined,
  );
  const errors = useFormErrors();
  const navigate = useNavigate();
  usePageTitle(`Change an action – ${areaName}`, { error: errors.hasErrors });

  if (action.error) throw action.error;
  if (!action.data) return <Loading />;
  const current = action.data;

  async function save(fields: ActionFields) {
    try {
      await update.mutateAsync({ patch: bodyOf(fields), version: current.version });
      navigate(actionPaths.action(tenant, actionId), {
        state: { flash: 'The action has been changed.' },
      });
    } catch (error) {
      await showSaveFailure(error, errors, {
        field: 'title',
        staleMessage:
          'Someone else changed this action while you were editing: check it and save again',
        reload: action.refetch,
      });
    }
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={actionPaths.action(tenant, actionId)} text="Back to the action" />
        <span className="govuk-caption-l">{current.plan.title}</span>
        <h1 className="govuk-heading-l">Change the action</h1>
        <ActionForm
          key={current.version}
          initial={fieldsOf(current)}
          owners={owners}
          errors={errors}
          submitText="Save changes"
          pending={update.isPending}
          onSubmit={(fields) => void save(fields)}
        />
      </div>
    </div>
  );
}
