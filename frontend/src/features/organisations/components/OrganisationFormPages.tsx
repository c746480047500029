import { useNavigate, useParams } from 'react-router-dom';
import { BackLink } from '../../../components/govuk';
import { useFormErrors } from '../../../lib/forms';
import { paths } from '../../../lib/paths';
import { ApiError, networkProblem } from '../../../lib/problem';
import { showSaveFailure } from '../../../lib/saveFailure';
import { usePageTitle } from '../../../lib/title';
import { useArea } from '../../../lib/area';
import {
  useCreateOrganisation,
  useOrganisation,
  useUpdateOrganisation,
  type Organisation,
  type OrganisationKind,
} from '../api/organisations';
import {
  emptyOrganisation,
  OrganisationForm,
  trimmed,
  type OrganisationFields,
} from './OrganisationForm';

/** Adds a service, team, school, setting or provider to the area. */
export function NewOrganisationPage() {
  const { tenant, areaName } = useArea();
  const create = useCreateOrganisation(tenant);
  const errors = useFormErrors();
  const navigate = useNavigate();
  usePageTitle(`Add an organisation – ${areaName}`, { error: errors.hasErrors });

  async function save(fields: OrganisationFields) {
    try {
      const body = trimmed(fields);
      await create.mutateAsync({ ...body, kind: fields.kind as OrganisationKind });
      navigate(paths.organisations(tenant), { state: { flash: `${body.name} has been added.` } });
    } catch (error) {
      errors.showProblem(error instanceof ApiError ? error.problem : networkProblem, 'name');
    }
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={paths.organisations(tenant)} text="Back to organisations" />
        <span className="govuk-caption-l">{areaName}</span>
        <h1 className="govuk-heading-l">Add an organisation</h1>
        <OrganisationForm
          initial={emptyOrganisation}
          editing={false}
          errors={errors}
          submitText="Add organisation"
          pending={create.isPending}
          onSubmit={(fields) => void save(fields)}
        />
      </div>
    </div>
  );
}

function fieldsOf(organisation: Organisation): OrganisationFields {
  return {
    kind: organisation.kind as OrganisationKind,
    name: organisation.name,
    urn: organisation.urn,
    phase: organisation.phase,
    setting_type: organisation.setting_type,
    sir_url: organisation.sir_url,
    contact_email: organisation.contact_email,
    archived: organisation.archived,
  };
}

/** Changes an organisation's details, or archives it. */
export function EditOrganisationPage() {
  const { tenant, areaName } = useArea();
  const { organisationId = '' } = useParams();
  const organisation = useOrganisation(tenant, organisationId);
  const update = useUpdateOrganisation(tenant, organisationId);
  const errors = useFormErrors();
  const navigate = useNavigate();
  usePageTitle(`Change an organisation – ${areaName}`, { error: errors.hasErrors });

  if (organisation.error) throw organisation.error;
  if (!organisation.data) {
    return (
      <p className="govuk-body" role="status">
        Loading…
      </p>
    );
  }
  const current = organisation.data;

  async function save(fields: OrganisationFields) {
    try {
      await update.mutateAsync({
        patch: { ...trimmed(fields), archived: fields.archived },
        version: current.version,
      });
      navigate(paths.organisations(tenant), {
        state: { flash: `${fields.name.trim()} has been changed.` },
      });
    } catch (error) {
      await showSaveFailure(error, errors, {
        field: 'name',
        staleMessage:
          'Someone else changed this organisation while you were editing: check it and save again',
        reload: organisation.refetch,
      });
    }
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={paths.organisations(tenant)} text="Back to organisations" />
        <span className="govuk-caption-l">{areaName}</span>
        <h1 className="govuk-heading-l">Change {current.name}</h1>
        <OrganisationForm
          key={current.version}
          initial={fieldsOf(current)}
          editing
          errors={errors}
          submitText="Save changes"
          pending={update.isPending}
          onSubmit={(fields) => void save(fields)}
        />
      </div>
    </div>
  );
}
