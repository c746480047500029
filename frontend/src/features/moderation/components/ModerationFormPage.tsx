import { useMemo, useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { BackLink, Button, ErrorSummary } from '../../../components/govuk';
import { Link } from '../../../components/govuk/link';
import { ItemField } from '../../../components/instrument/ItemField';
import { useArea } from '../../../lib/area';
import { fieldId, useFormErrors } from '../../../lib/forms';
import { evaluate } from '../../../lib/instrument/engine';
import { parseDefinition, type Answer, type Answers } from '../../../lib/instrument/types';
import { usePageTitle } from '../../../lib/title';
import {
  useModeration,
  useSaveModeration,
  useSubmitModeration,
  type Moderation,
} from '../api/moderation';
import { moderationPaths } from '../paths';
import { fieldOf } from './access';

/** The moderator's blind second audit of a plan. */
export function ModerationFormPage() {
  const { tenant, areaName } = useArea();
  const { moderationId = '' } = useParams();
  const moderation = useModeration(tenant, moderationId);
  usePageTitle(`Moderation of ${moderation.data?.local_id ?? 'a plan'} – ${areaName}`);
  if (moderation.error) throw moderation.error;
  if (!moderation.data) {
    return (
      <p className="govuk-body" role="status">
        Loading…
      </p>
    );
  }

  return <ModerationForm tenant={tenant} moderation={moderation.data} />;
}

const today = () => new Date().toISOString().slice(0, 10);

function ModerationForm({ tenant, moderation }: { tenant: string; moderation: Moderation }) {
  const navigate = useNavigate();
  const def = useMemo(() => parseDefinition(moderation.definition), [moderation.definition]);
  const [answers, setAnswers] = useState<Answers>(() => (moderation.answers ?? {}) as Answers);
  const errors = useFormErrors();
  const submit = useSubmitModeration(tenant, moderation.id);
  const save = useSaveModeration(tenant, moderation.id);
  // The version saved last, so that a save and then a submission each
  // pass the version check.
  const [version, setVersion] = useState(moderation.version);
  const [saved, setSaved] = useState(false);
  const { applies } = evaluate(def, answers, today());
  const done = moderation.state === 'submitted' || moderation.state === 'agreed';

  function onAnswer(id: string, answer: Answer | undefined) {
    setAnswers((previous) => ({ ...previous, [id]: answer }));
  }

  /** The answers to the questions that apply, as the API takes them. */
  function applying() {
    return Object.fromEntries(
      Object.entries(answers).filter(([id, answer]) => answer !== undefined && applies[id]),
    );
  }

  async function onSave() {
    errors.clear();
    setSaved(false);
    try {
      const out = await save.mutateAsync({ answers: applying(), version });
      setVersion(out.version);
      setSaved(true);
    } catch (error) {
      if (!fieldOf(error)) throw error;
      errors.showProblem(error.problem, 'answers');
    }
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    try {
      await submit.mutateAsync({ answers: applying(), version });
      navigate(moderationPaths.comparison(tenant, moderation.id), {
        state: { flash: 'Your moderation is submitted. The two audits are side by side below.' },
      });
    } catch (error) {
      if (!fieldOf(error)) throw error;
      errors.showProblem(error.problem, 'answers');
    }
  }

  return (
    <>
      <BackLink href={moderationPaths.list(tenant)} text="Back to moderation" />
      {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
      <span className="govuk-caption-l">{moderation.round_name}</span>
      <h1 className="govuk-heading-l">Moderation of {moderation.local_id}</h1>
      {done ? (
        <p className="govuk-body">
          You have submitted this moderation.{' '}
          <Link href={moderationPaths.comparison(tenant, moderation.id)}>
            Compare the two audits
          </Link>
        </p>
      ) : (
        <>
          <div className="govuk-inset-text">
            Audit the plan as you would any other. The first auditor’s answers and result show once
            you submit yours. Due by {moderation.due_on}.
          </div>
          <form onSubmit={(event) => void onSubmit(event)} noValidate>
            <div id={fieldId('answers')} tabIndex={-1} />
            {def.sections.map((section) => (
              <section key={section.id} aria-labelledby={`section-${section.id}`}>
                <h2 className="govuk-heading-m" id={`section-${section.id}`}>
                  {section.title}
                </h2>
                {section.items.map((item) =>
                  applies[item.id] && item.kind !== 'computed' ? (
                    <ItemField
                      key={item.id}
                      def={def}
                      item={item}
                      answer={answers[item.id]}
                      onAnswer={onAnswer}
                      errorFor={errors.messageFor}
                      organisations={[]}
                    />
                  ) : null,
                )}
              </section>
            ))}
            {saved && (
              <div className="govuk-inset-text" role="status">
                Your answers are saved. You can come back to them later.
              </div>
            )}
            <div className="govuk-button-group">
              <Button type="submit" text="Submit the moderation" disabled={submit.isPending} />
              <Button
                type="button"
                text="Save and come back later"
                classes="govuk-button--secondary"
                disabled={save.isPending}
                onClick={() => void onSave()}
              />
            </div>
          </form>
        </>
      )}
    </>
  );
}
