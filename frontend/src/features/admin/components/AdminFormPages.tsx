import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { BackLink, Button, ErrorSummary, Select, TextInput } from '../../../components/govuk';
import { fieldId, useFormErrors } from '../../../lib/forms';
import { paths } from '../../../lib/paths';
import { ApiError, networkProblem, type FieldProblem } from '../../../lib/problem';
import { usePageTitle } from '../../../lib/title';
import { useCreateRegion, useCreateTenant, useRegions } from '../api/admin';

const slugPattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function checkNameAndSlug(name: string, slug: string) {
  const invalid: FieldProblem[] = [];
  if (name.trim() === '') invalid.push({ field: 'name', message: 'Enter the name' });
  if (!slugPattern.test(slug.trim())) {
    invalid.push({
      field: 'slug',
      message: 'Enter a short name of lower-case letters, digits and hyphens, like black-country',
    });
  }

  return invalid;
}

function NameAndSlug(props: {
  kind: string;
  name: string;
  slug: string;
  messageFor: (field: string) => { text: string } | undefined;
  onName: (value: string) => void;
  onSlug: (value: string) => void;
}) {
  return (
    <>
      <TextInput
        id={fieldId('name')}
        name="name"
        label={{ text: 'Name', classes: 'govuk-label--s' }}
        autocomplete="off"
        value={props.name}
        errorMessage={props.messageFor('name')}
        onChange={(event) => props.onName(event.target.value)}
      />
      <TextInput
        id={fieldId('slug')}
        name="slug"
        label={{ text: 'Short name', classes: 'govuk-label--s' }}
        hint={{ text: `Used in the ${props.kind}'s web addresses; it cannot change later` }}
        autocomplete="off"
        spellcheck={false}
        autocapitalize="none"
        classes="govuk-input--width-20"
        value={props.slug}
        errorMessage={props.messageFor('slug')}
        onChange={(event) => props.onSlug(event.target.value)}
      />
    </>
  );
}

/**
 * The state and submit of a form that adds something known by a name and
 * a short name: checks both, calls `add` with them trimmed, and goes back
 * to `listPath` saying it was added; problems show on the form.
 */
function useAddForm(add: (name: string, slug: string) => Promise<unknown>, listPath: string) {
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const errors = useFormErrors();
  const navigate = useNavigate();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const invalid = checkNameAndSlug(name, slug);
    if (invalid.length > 0) {
      errors.show(invalid);

      return;
    }
    try {
      await add(name.trim(), slug.trim());
      navigate(listPath, { state: { flash: `${name.trim()} has been added.` } });
    } catch (error) {
      errors.showProblem(error instanceof ApiError ? error.problem : networkProblem, 'name');
    }
  }

  const fields = { name, slug, messageFor: errors.messageFor, onName: setName, onSlug: setSlug };

  return { errors, submit, fields };
}

export function NewTenantPage() {
  const [region, setRegion] = useState('');
  const regions = useRegions();
  const create = useCreateTenant();
  const { errors, submit, fields } = useAddForm(
    (name, slug) => create.mutateAsync({ name, slug, ...(region ? { region } : {}) }),
    paths.tenants,
  );
  usePageTitle('Add a local area', { error: errors.hasErrors });

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={paths.tenants} text="Back to local areas" />
        {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
        <h1 className="govuk-heading-l">Add a local area</h1>
        <form noValidate onSubmit={submit}>
          <NameAndSlug kind="area" {...fields} />
          <Select
            id={fieldId('region')}
            name="region"
            label={{ text: 'Region', classes: 'govuk-label--s' }}
            value={region}
            errorMessage={errors.messageFor('region')}
            items={[
              { value: '', text: 'No region' },
              ...(regions.data?.items ?? []).map((item) => ({ value: item.slug, text: item.name })),
            ]}
            onChange={(event) => setRegion(event.target.value)}
          />
          <Button text="Add local area" disabled={create.isPending} />
        </form>
      </div>
    </div>
  );
}

export function NewRegionPage() {
  const create = useCreateRegion();
  const { errors, submit, fields } = useAddForm(
    (name, slug) => create.mutateAsync({ name, slug }),
    paths.regions,
  );
  usePageTitle('Add a region', { error: errors.hasErrors });

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={paths.regions} text="Back to regions" />
        {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
        <h1 className="govuk-heading-l">Add a region</h1>
        <form noValidate onSubmit={submit}>
          <NameAndSlug kind="region" {...fields} />
          <Button text="Add region" disabled={create.isPending} />
        </form>
      </div>
    </div>
  );
}
