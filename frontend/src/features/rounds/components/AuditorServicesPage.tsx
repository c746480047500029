import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { BackLink, Button, Checkboxes, ErrorSummary, TextInput } from '../../../components/govuk';
import { fieldId, useFormErrors, type FormErrors } from '../../../lib/forms';
import { ApiError, networkProblem, type ApiProblem } from '../../../lib/problem';
import { usePageTitle } from '../../../lib/title';
import { useAreaServices, useAuditors, useSetAuditorServices, type Auditor } from '../api/rounds';
import { auditorsPath } from './labels';

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The services one auditor belongs to, chosen from the area's services so
 * that the names match the subjects' contributing services exactly; a
 * service not listed there can be typed in.
 */
export function AuditorServicesPage() {
  const { tenant = '', personId = '' } = useParams();
  const auditors = useAuditors(tenant);
  const services = useAreaServices(tenant);
  const auditor = auditors.data?.items.find((a) => a.person_id === personId);
  // Errors outlive the form, which starts again when the saved version changes.
  const errors = useFormErrors();
  usePageTitle(auditor ? `Services of ${auditor.name}` : 'Services of an auditor', {
    error: errors.hasErrors,
  });

  if (auditors.isError) throw auditors.error;
  if (!auditors.data || services.isPending) {
    return (
      <p className="govuk-body" role="status">
        Loading…
      </p>
    );
  }
  if (!auditor) {
    return (
      <>
        <BackLink href={auditorsPath(tenant)} text="Back to the auditors" />
        <h1 className="govuk-heading-l">Auditor not found</h1>
        <p className="govuk-body">
          This person is not an auditor in the area, or no longer is. Go back to the auditors.
        </p>
      </>
    );
  }

  return (
    <ServicesForm
      // Saved elsewhere in the meantime, the form starts again from the new version.
      key={auditor.version}
      tenant={tenant}
      auditor={auditor}
      errors={errors}
      areaServices={services.data?.items.map((o) => o.name) ?? []}
    />
  );
}

interface FormProps {
  tenant: string;
  auditor: Auditor;
  errors: FormErrors;
  areaServices: string[];
}

function ServicesForm({ tenant, auditor, errors, areaServices }: FormProps) {
  const save = useSetAuditorServices(tenant);
  const navigate = useNavigate();
  const [chosen, setChosen] = useState(auditor.services);
  const [other, setOther] = useState('');
  // Services recorded before the area listed them stay offered.
  const offered = [
    ...areaServices,
    ...auditor.services.filter((s) => !areaServices.some((a) => same(a, s))),
  ];

  function toggle(name: string, on: boolean) {
    setChosen(on ? [...chosen, name] : chosen.filter((s) => s !== name));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (other.trim().length > 200) {
      errors.show([{ field: 'other', message: 'Enter a service name of up to 200 characters' }]);

      return;
    }
    const names = other.trim() ? [...chosen, other.trim()] : chosen;
    try {
      const saved = await save.mutateAsync({ auditor, services: names });
      navigate(auditorsPath(tenant), {
        state: {
          flash: `${saved.name}: ${saved.services.join('; ') || 'no services'} recorded.`,
        },
      });
    } catch (error) {
      errors.showProblem(asFormProblem(error), 'services');
    }
  }

  return (
    <>
      <BackLink href={auditorsPath(tenant)} text="Back to the auditors" />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
          <span className="govuk-caption-l app-break-words">{auditor.email}</span>
          <h1 className="govuk-heading-l">Services of {auditor.name}</h1>
          <form noValidate onSubmit={(event) => void submit(event)}>
            {offered.length > 0 ? (
              <Checkboxes
                idPrefix={fieldId('services')}
                name="services"
                fieldset={{
                  legend: {
                    text: 'Which services do they belong to?',
                    classes: 'govuk-fieldset__legend--m',
                  },
                }}
                hint={{
                  text: 'Select all that apply. They will not audit a subject any of these services contributed to.',
                }}
                items={offered.map((name) => ({ value: name, text: name }))}
                values={chosen}
                errorMessage={errors.messageFor('services')}
                onChange={(event) => toggle(event.target.value, event.target.checked)}
              />
            ) : (
              <p className="govuk-body">
                The area has no services listed yet. Type the service’s name below, as it appears in
                the contributing services of the plans.
              </p>
            )}
            <TextInput
              id={fieldId('other')}
              name="other"
              label={{ text: 'Another service (optional)', classes: 'govuk-label--s' }}
              hint={{ text: 'As it appears in the contributing services of the plans' }}
              value={other}
              errorMessage={errors.messageFor('other')}
              onChange={(event) => setOther(event.target.value)}
            />
            <Button text="Save their services" disabled={save.isPending} />
          </form>
        </div>
      </div>
    </>
  );
}

/**
 * The API names a bad service by its place in the list (`services[2]`):
 * only the typed one can be bad, so its errors go to that field, and a
 * stale version gets words that say what to do.
 */
function asFormProblem(error: unknown): ApiProblem {
  const problem = error instanceof ApiError ? error.problem : networkProblem;
  if (problem.status === 412) {
    return {
      ...problem,
      detail: 'Someone else changed these services: check them and save again',
    };
  }

  return {
    ...problem,
    errors: problem.errors?.map((e) => ({
      ...e,
      field: e.field.startsWith('services[') ? 'other' : e.field,
    })),
  };
}
