import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { BackLink, Button, ErrorSummary, TextInput } from '../../../components/govuk';
import { useFormErrors } from '../../../lib/forms';
import { ApiError } from '../../../lib/problem';
import { usePageTitle } from '../../../lib/title';
import { useInstrument } from '../api/instrument';
import { useAdopt } from '../api/writing';
import { instrumentPath } from './paths';

/**
 * Adopting a copy of a shared or built-in instrument: the copy is the
 * area's own to change, and remembers the version it came from.
 */
export function AdoptPage() {
  const params = useParams();
  const tenant = params.tenant ?? '';
  const key = params.key ?? '';
  const navigate = useNavigate();
  const instrument = useInstrument(tenant, key);
  const adopt = useAdopt(tenant, key);
  const errors = useFormErrors();
  const [copyKey, setCopyKey] = useState<string>();
  const data = instrument.data;
  usePageTitle(data ? `Adopt a copy of ${data.title}` : 'Adopt a copy', {
    error: errors.hasErrors,
  });

  if (instrument.isError) throw instrument.error;
  if (!data) return <p className="govuk-body">Loading the instrument…</p>;
  const chosenKey = copyKey ?? (data.source === 'built_in' ? `${data.key}_local` : data.key);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    adopt.mutate(
      { version: data.current_version, key: chosenKey },
      {
        onSuccess: (version) => navigate(instrumentPath(tenant, version.key)),
        onError: (error) =>
          error instanceof ApiError
            ? errors.showProblem(error.problem, 'key')
            : errors.show([{ field: 'key', message: error.message }]),
      },
    );
  };

  return (
    <>
      <BackLink href={instrumentPath(tenant, key)} text={data.title} />
      {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
      <h1 className="govuk-heading-l">Adopt a copy of {data.title}</h1>
      <p className="govuk-body">
        Your area gets its own copy of version {data.current_version}, to change as you need. It
        remembers where it came from; later versions of the original do not change it.
      </p>
      <form onSubmit={onSubmit} noValidate>
        <TextInput
          id="key"
          name="key"
          classes="govuk-input--width-20"
          spellcheck={false}
          label={{ text: 'Reference for your copy', classes: 'govuk-label--s' }}
          hint={{ text: 'Lower-case letters, digits and underscores' }}
          errorMessage={errors.messageFor('key')}
          value={chosenKey}
          onChange={(event) => setCopyKey(event.target.value)}
        />
        <Button type="submit" text="Adopt a copy" disabled={adopt.isPending} />
      </form>
    </>
  );
}
