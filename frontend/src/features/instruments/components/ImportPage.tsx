import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { BackLink, Button, ErrorSummary, FileUpload, Textarea } from '../../../components/govuk';
import { useFormErrors } from '../../../lib/forms';
import { ApiError } from '../../../lib/problem';
import { usePageTitle } from '../../../lib/title';
import { useImportDefinition } from '../api/writing';
import { describePath } from '../editor/problems';
import { editPath, instrumentsPath } from './paths';

/**
 * Import of a definition file, as export writes it, as a new draft. Every
 * problem in the file is listed by where it is; nothing is saved unless
 * the whole file is right.
 */
export function ImportPage() {
  const tenant = useParams().tenant ?? '';
  const navigate = useNavigate();
  const errors = useFormErrors();
  const importDefinition = useImportDefinition(tenant);
  const [text, setText] = useState('');
  usePageTitle('Import an instrument', { error: errors.hasErrors });

  const onFile = async (file: File | undefined) => {
    if (file) setText(await file.text());
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) {
      errors.show([{ field: 'definition', message: 'Choose a file or paste a definition' }]);

      return;
    }
    importDefinition.mutate(text, {
      onSuccess: (version) =>
        navigate(editPath(tenant, version.key, version.number), { state: { created: true } }),
      onError: (error) => {
        const problems = error instanceof ApiError ? (error.problem.errors ?? []) : [];
        if (problems.length > 0) {
          errors.show(
            problems.map((problem) => ({
              field: 'definition',
              message: `${describePath(problem.field)}: ${problem.message}`,
            })),
          );
        } else if (error instanceof ApiError) {
          errors.showProblem(error.problem, 'definition');
        } else {
          errors.show([{ field: 'definition', message: error.message }]);
        }
      },
    });
  };

  return (
    <>
      <BackLink href={instrumentsPath(tenant)} text="Instrument library" />
      {errors.hasErrors && (
        <ErrorSummary
          errorList={errors.summary}
          descriptionText={`The file was not imported. ${
            errors.summary.length === 1
              ? 'It has 1 problem'
              : `It has ${errors.summary.length} problems`
          }:`}
        />
      )}
      <h1 className="govuk-heading-l">Import an instrument</h1>
      <p className="govuk-body">
        Import a definition exported from sendqa, or written to its published JSON Schema. It
        becomes a draft of your area’s own that you can check and change before you publish it.
      </p>
      <form onSubmit={onSubmit} noValidate>
        <FileUpload
          id="file"
          name="file"
          label={{ text: 'Definition file', classes: 'govuk-label--s' }}
          hint={{ text: 'A .json file' }}
          attributes={{ accept: 'application/json,.json' }}
          onChange={(event) => void onFile(event.target.files?.[0])}
        />
        <Textarea
          id="definition"
          name="definition"
          rows={12}
          spellcheck={false}
          label={{ text: 'Or paste the definition', classes: 'govuk-label--s' }}
          errorMessage={errors.messageFor('definition')}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        <Button type="submit" text="Import as a draft" disabled={importDefinition.isPending} />
      </form>
    </>
  );
}
