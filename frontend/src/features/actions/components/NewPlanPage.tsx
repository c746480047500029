import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { BackLink, Button, ErrorSummary, Select, TextInput } from '../../../components/govuk';
import { api, unwrap } from '../../../lib/api';
import { useArea } from '../../../lib/area';
import { fieldId, useFormErrors } from '../../../lib/forms';
import { membersQuery } from '../../../lib/members';
import { ApiError, networkProblem, type FieldProblem } from '../../../lib/problem';
import { usePageTitle } from '../../../lib/title';
import { useCreatePlan } from '../api/actions';
import { actionPaths } from '../paths';

/** The area's services, for the choice of whose local plan it is. */
function useServices(tenant: string) {
  return useQuery({
    queryKey: ['t', tenant, 'organisations', 'list', { kind: 'service', limit: 200 }],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/t/{tenant}/organisations', {
          params: { path: { tenant }, query: { kind: 'service', archived: false, limit: 200 } },
          signal,
        }),
      ),
  });
}

interface PlanFields {
  organisation_id: string;
  lead_id: string;
  title: string;
}

export function checkPlan(fields: PlanFields): FieldProblem[] {
  const invalid: FieldProblem[] = [];
  if (!fields.organisation_id) {
    invalid.push({ field: 'organisation_id', message: 'Select the service the plan is for' });
  }
  if (!fields.lead_id) {
    invalid.push({ field: 'lead_id', message: 'Select who leads the plan' });
  }
  if (fields.title.trim() === '') {
    invalid.push({ field: 'title', message: 'Enter a title for the plan' });
  }

  return invalid;
}

/** Sets up a service's local plan, led by its manager. */
export function NewPlanPage() {
  const { tenant, areaName } = useArea();
  const services = useServices(tenant);
  const members = useQuery(membersQuery(tenant));
  const create = useCreatePlan(tenant);
  const errors = useFormErrors();
  const navigate = useNavigate();
  const [fields, setFields] = useState<PlanFields>({
    organisation_id: '',
    lead_id: '',
    title: '',
  });
  usePageTitle(`Set up a local plan – ${areaName}`, { error: errors.hasErrors });

  if (services.error) throw services.error;
  if (members.error) throw members.error;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const invalid = checkPlan(fields);
    if (invalid.length > 0) {
      errors.show(invalid);

      return;
    }
    try {
      const plan = await create.mutateAsync({
        kind: 'local',
        ...fields,
        title: fields.title.trim(),
      });
      navigate(actionPaths.localPlan(tenant, plan.id), {
        state: { flash: `${plan.title} has been set up.` },
      });
    } catch (error) {
      errors.showProblem(error instanceof ApiError ? error.problem : networkProblem, 'title');
    }
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={actionPaths.plan(tenant)} text="Back to the improvement plan" />
        <span className="govuk-caption-l">{areaName}</span>
        <h1 className="govuk-heading-l">Set up a local plan</h1>
        {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
        <form noValidate onSubmit={(event) => void submit(event)}>
          <Select
            id={fieldId('organisation_id')}
            name="organisation_id"
            label={{ text: 'Service', classes: 'govuk-label--s' }}
            value={fields.organisation_id}
            errorMessage={errors.messageFor('organisation_id')}
            items={[
              { value: '', text: 'Choose a service' },
              ...(services.data?.items ?? []).map((o) => ({ value: o.id, text: o.name })),
            ]}
            onChange={(event) => setFields({ ...fields, organisation_id: event.target.value })}
          />
          <Select
            id={fieldId('lead_id')}
            name="lead_id"
            label={{ text: 'Led by', classes: 'govuk-label--s' }}
            hint={{ text: "Usually the service's manager, who can then keep the plan" }}
            value={fields.lead_id}
            errorMessage={errors.messageFor('lead_id')}
            items={[
              { value: '', text: 'Choose a person' },
              ...(members.data?.items ?? []).map((m) => ({ value: m.person_id, text: m.name })),
            ]}
            onChange={(event) => setFields({ ...fields, lead_id: event.target.value })}
          />
          <TextInput
            id={fieldId('title')}
            name="title"
            label={{ text: 'Title', classes: 'govuk-label--s' }}
            autocomplete="off"
            value={fields.title}
            errorMessage={errors.messageFor('title')}
            onChange={(event) => setFields({ ...fields, title: event.target.value })}
          />
          <Button text="Set up plan" disabled={create.isPending} />
        </form>
      </div>
    </div>
  );
}
