import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router-dom';
import { BackLink, Button, ErrorSummary, Link, Panel } from '../../../components/govuk';
import { useFormErrors } from '../../../lib/forms';
import { ApiError } from '../../../lib/problem';
import { usePageTitle } from '../../../lib/title';
import { useInstrument, type Instrument } from '../api/instrument';
import { useAddLocalLayer, type InstrumentUse } from '../api/writing';
import { move, newItem, removeAt, replaceAt } from '../editor/draft';
import { EditorErrors, PartActions, TextField } from '../editor/fields';
import { ItemEditor } from '../editor/ItemEditor';
import { LivePreview } from '../editor/LivePreview';
import { describeProblems } from '../editor/problems';
import type { Definition, Item } from '../../../lib/instrument/types';
import { instrumentPath } from './paths';

/**
 * Using another area's shared version as it is: its core stays locked,
 * and this area adds questions of its own in a local section.
 */
export function LocalLayerPage() {
  const params = useParams();
  const tenant = params.tenant ?? '';
  const key = params.key ?? '';
  const instrument = useInstrument(tenant, key);

  if (instrument.isError) {
    if (instrument.error instanceof ApiError && instrument.error.status === 404) {
      throw new Response('Not found', { status: 404 });
    }
    throw instrument.error;
  }
  if (!instrument.data) return <p className="govuk-body">Loading the instrument…</p>;

  return <LayerForm tenant={tenant} instrumentRef={key} instrument={instrument.data} />;
}

interface LayerFormProps {
  tenant: string;
  instrumentRef: string;
  instrument: Instrument;
}

function LayerForm({ tenant, instrumentRef, instrument }: LayerFormProps) {
  const core = instrument.definition;
  const [title, setTitle] = useState('Our local questions');
  const [items, setItems] = useState<Item[]>(() => [newItem(core, ['local_question'])]);
  const [made, setMade] = useState<InstrumentUse>();
  const errors = useFormErrors();
  const addLayer = useAddLocalLayer(tenant, instrumentRef);
  const whole: Definition = {
    ...core,
    sections: [...core.sections, { id: 'local', title, items }],
  };
  usePageTitle(`Use ${instrument.title} with local questions`, { error: errors.hasErrors });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    addLayer.mutate(
      { version: instrument.current_version, title, items },
      {
        onSuccess: (use) => {
          errors.clear();
          setMade(use);
        },
        onError: (error) =>
          error instanceof ApiError && error.problem.errors?.length
            ? errors.show(describeProblems(error.problem.errors))
            : errors.show([{ field: 'title', message: error.message }]),
      },
    );
  };

  if (made) {
    return (
      <>
        <Panel
          titleText="Your area now uses this instrument"
          text={`Version ${made.instrument_version} of ${instrument.title}, with ${items.length} local ${
            items.length === 1 ? 'question' : 'questions'
          }.`}
        />
        <p className="govuk-body">
          The shared questions stay as {instrument.owner?.tenant_name ?? 'the owner'} wrote them. A
          new version from them will not change rounds already running here.
        </p>
        <p className="govuk-body">
          <Link className="govuk-link" href={instrumentPath(tenant, instrumentRef)}>
            Back to {instrument.title}
          </Link>
        </p>
        {made.definition && <LivePreview tenant={tenant} def={made.definition} />}
      </>
    );
  }

  return (
    <>
      <BackLink href={instrumentPath(tenant, instrumentRef)} text={instrument.title} />
      {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
      <span className="govuk-caption-l">Version {instrument.current_version}, shared</span>
      <h1 className="govuk-heading-l">Use {instrument.title} with local questions</h1>
      <p className="govuk-body">
        The shared questions and scoring are locked. Your questions go in a section of their own at
        the end, and are not scored with the shared core.
      </p>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-half">
          <form onSubmit={onSubmit} noValidate aria-label="Local questions">
            <EditorErrors.Provider value={errors.messageFor}>
              <TextField
                path="title"
                label="Title of your local section"
                value={title}
                onChange={setTitle}
              />
              {items.map((item, i) => (
                <div key={i} className="govuk-inset-text govuk-!-margin-top-0">
                  <h2 className="govuk-heading-s">Local question {i + 1}</h2>
                  <PartActions
                    name={`local question ${i + 1}`}
                    listPath="items"
                    index={i}
                    count={items.length}
                    onMove={(by) => setItems(move(items, i, by))}
                    onRemove={() => setItems(removeAt(items, i))}
                  />
                  <ItemEditor
                    def={whole}
                    path={`items[${i}]`}
                    item={item}
                    name="this question"
                    onChange={(next) => setItems(replaceAt(items, i, next))}
                  />
                </div>
              ))}
            </EditorErrors.Provider>
            <div className="govuk-button-group">
              <Button
                type="button"
                classes="govuk-button--secondary"
                text="Add a local question"
                onClick={() => setItems([...items, newItem(whole, ['local_question'])])}
              />
              <Button
                type="submit"
                text="Use it with these questions"
                disabled={addLayer.isPending}
              />
            </div>
          </form>
        </div>
        <div className="govuk-grid-column-one-half">
          <LivePreview tenant={tenant} def={whole} />
        </div>
      </div>
    </>
  );
}
