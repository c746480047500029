import { useState, type FormEvent } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import {
  BackLink,
  Button,
  ErrorSummary,
  Link,
  NotificationBanner,
} from '../../../components/govuk';
import { useFormErrors } from '../../../lib/forms';
import { ApiError } from '../../../lib/problem';
import { usePageTitle } from '../../../lib/title';
import { useInstrumentVersion, type InstrumentVersion } from '../api/instrument';
import { useCreateDraft, usePublish, useUpdateDraft } from '../api/writing';
import { DefinitionEditor } from '../editor/DefinitionEditor';
import { blankDefinition, cleanDefinition } from '../editor/draft';
import { EditorErrors } from '../editor/fields';
import { LivePreview } from '../editor/LivePreview';
import { describeProblems } from '../editor/problems';
import type { Definition } from '../../../lib/instrument/types';
import { editPath, instrumentPath, instrumentsPath, previewPath } from './paths';

/** A new instrument: the editor over a blank definition, saved by POST. */
export function NewInstrumentPage() {
  const tenant = useParams().tenant ?? '';

  return <Editor tenant={tenant} start={blankDefinition()} />;
}

/** A draft version of the area's own instrument, saved by PUT. */
export function EditDraftPage() {
  const params = useParams();
  const tenant = params.tenant ?? '';
  const key = params.key ?? '';
  const number = Number(params.version);
  const version = useInstrumentVersion(tenant, key, number);
  const justCreated = (useLocation().state as { created?: boolean } | null)?.created ?? false;

  if (version.isError) {
    if (version.error instanceof ApiError && version.error.status === 404) {
      throw new Response('Not found', { status: 404 });
    }
    throw version.error;
  }
  if (!version.data) return <p className="govuk-body">Loading the draft…</p>;
  if (version.data.state !== 'draft' || version.data.source !== 'own') {
    return <FrozenVersion tenant={tenant} instrumentKey={key} version={version.data} />;
  }

  return (
    <Editor
      key={`${key}-${number}`}
      tenant={tenant}
      instrumentKey={key}
      saved={version.data}
      start={version.data.definition}
      notice={justCreated ? 'The draft is saved.' : ''}
    />
  );
}

function FrozenVersion(props: {
  tenant: string;
  instrumentKey: string;
  version: InstrumentVersion;
}) {
  const { tenant, instrumentKey, version } = props;
  usePageTitle(`Version ${version.number} cannot be changed`);

  return (
    <>
      <BackLink href={instrumentPath(tenant, instrumentKey)} text={version.title} />
      <h1 className="govuk-heading-l">Version {version.number} cannot be changed</h1>
      <p className="govuk-body">
        Only a draft of your area’s own instrument can be edited. A published version never changes,
        so answers already given keep their meaning. Start a new version from the instrument’s page
        instead.
      </p>
    </>
  );
}

interface EditorProps {
  tenant: string;
  /** The saved instrument's key or id; none for a new instrument. */
  instrumentKey?: string;
  saved?: InstrumentVersion;
  start: Definition;
  /** A message to start with, such as that a new draft was saved. */
  notice?: string;
}

function Editor({ tenant, instrumentKey, saved, start, notice: startNotice }: EditorProps) {
  const navigate = useNavigate();
  const [def, setDef] = useState(start);
  const [revision, setRevision] = useState(saved?.version ?? 0);
  const [savedJson, setSavedJson] = useState(saved ? JSON.stringify(start) : '');
  const [notice, setNotice] = useState(startNotice ?? '');
  const errors = useFormErrors();
  const isNew = !saved;
  const number = saved?.number ?? 1;
  const create = useCreateDraft(tenant);
  const update = useUpdateDraft(tenant, instrumentKey ?? '', number);
  const publish = usePublish(tenant, instrumentKey ?? '');
  const unsaved = JSON.stringify(def) !== savedJson;
  usePageTitle(isNew ? 'New instrument' : `Edit: ${saved.title}`, { error: errors.hasErrors });

  const fail = (error: Error) => {
    setNotice('');
    if (error instanceof ApiError && error.problem.errors?.length) {
      errors.show(describeProblems(error.problem.errors));
    } else if (error instanceof ApiError) {
      errors.showProblem(error.problem, 'title');
    } else {
      errors.show([{ field: 'title', message: error.message }]);
    }
  };

  const onSave = (event: FormEvent) => {
    event.preventDefault();
    const body = cleanDefinition(def);
    if (isNew) {
      create.mutate(body, {
        onSuccess: (version) =>
          navigate(editPath(tenant, version.key, version.number), {
            state: { created: true },
          }),
        onError: fail,
      });

      return;
    }
    update.mutate(
      { def: body, revision },
      {
        onSuccess: (version) => {
          errors.clear();
          setRevision(version.version);
          setDef(version.definition);
          setSavedJson(JSON.stringify(version.definition));
          setNotice('The draft is saved.');
        },
        onError: fail,
      },
    );
  };

  const onPublish = () =>
    publish.mutate(
      { version: number, revision },
      {
        onSuccess: () => navigate(instrumentPath(tenant, instrumentKey ?? '')),
        onError: fail,
      },
    );

  return (
    <>
      <BackLink
        href={isNew ? instrumentsPath(tenant) : instrumentPath(tenant, instrumentKey ?? '')}
        text={isNew ? 'Instrument library' : saved.title}
      />
      {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
      {notice && <NotificationBanner type="success" titleText="Success" text={notice} />}
      <span className="govuk-caption-l">
        {isNew ? 'Your area’s own instrument' : `Draft of version ${number}`}
      </span>
      <h1 className="govuk-heading-l">{isNew ? 'New instrument' : `Edit ${saved.title}`}</h1>

      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-half">
          <form onSubmit={onSave} noValidate aria-label="Definition">
            <EditorErrors.Provider value={errors.messageFor}>
              <DefinitionEditor def={def} onChange={setDef} keyEditable={isNew} />
            </EditorErrors.Provider>
            <div className="govuk-button-group">
              <Button
                type="submit"
                text={isNew ? 'Save as a draft' : 'Save the draft'}
                disabled={create.isPending || update.isPending}
              />
            </div>
          </form>
        </div>
        <div className="govuk-grid-column-one-half">
          <LivePreview tenant={tenant} def={def} />
        </div>
      </div>

      {!isNew && (
        <>
          <h2 className="govuk-heading-m">Try and publish it</h2>
          {unsaved ? (
            <p className="govuk-inset-text">
              Save your changes before you score the draft or publish it.
            </p>
          ) : (
            <>
              <p className="govuk-body">
                <Link
                  className="govuk-link"
                  href={previewPath(tenant, instrumentKey ?? '', number)}
                >
                  Preview and score the saved draft
                </Link>
              </p>
              <p className="govuk-body">
                Once published, version {number} never changes: audits can use it, and answers given
                to it keep their meaning.
              </p>
              <Button
                type="button"
                text={`Publish version ${number}`}
                disabled={publish.isPending}
                onClick={onPublish}
              />
            </>
          )}
        </>
      )}
    </>
  );
}
