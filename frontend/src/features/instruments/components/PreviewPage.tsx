import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useParams } from 'react-router-dom';
import {
  BackLink,
  Button,
  DateInput,
  ErrorSummary,
  NotificationBanner,
} from '../../../components/govuk';
import { useFormErrors } from '../../../lib/forms';
import { ApiError } from '../../../lib/problem';
import { usePageTitle } from '../../../lib/title';
import { useInstrumentVersion } from '../api/instrument';
import { useOrganisationOptions } from '../api/organisations';
import { previewScore, useSubmitPreview, type ScoreResult } from '../api/preview';
import { today } from '../../../lib/instrument/dates';
import { evaluate, evaluateCondition } from '../../../lib/instrument/engine';
import type { Answer, Answers, Definition } from '../../../lib/instrument/types';
import { fromParts, toParts, type DateParts } from '../../../components/instrument/dateParts';
import { ItemField } from '../../../components/instrument/ItemField';
import { instrumentPath } from './paths';
import { ResultPanel } from './ResultPanel';

/** The value after it has stopped changing for `delay` milliseconds. */
function useDebounced<T>(value: T, delay: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);

    return () => clearTimeout(timer);
  }, [value, delay]);

  return settled;
}

/** Only the answers to questions that apply: the rest are not asked. */
function applicableAnswers(answers: Answers, applies: Record<string, boolean>): Answers {
  return Object.fromEntries(
    Object.entries(answers).filter(([id, value]) => applies[id] && value !== undefined),
  );
}

/**
 * A version's form as an auditor will see it, answered here without
 * saving. Questions show and hide as the answers change (the engine runs
 * in the browser); the result comes from the server's preview route, so
 * it is the one a submission would get.
 */
export function PreviewPage() {
  const params = useParams();
  const tenant = params.tenant ?? '';
  const key = params.key ?? '';
  const versionNumber = Number(params.version);
  const version = useInstrumentVersion(tenant, key, versionNumber);
  const errors = useFormErrors();
  usePageTitle(version.data ? `Preview: ${version.data.title}` : 'Preview', {
    error: errors.hasErrors,
  });

  if (version.isError) {
    if (version.error instanceof ApiError && version.error.status === 404) {
      throw new Response('Not found', { status: 404 });
    }
    throw version.error;
  }
  if (!Number.isInteger(versionNumber)) throw new Response('Not found', { status: 404 });
  if (!version.data) return <p className="govuk-body">Loading the form…</p>;

  return (
    <PreviewForm
      tenant={tenant}
      instrumentKey={key}
      version={versionNumber}
      title={version.data.title}
      def={version.data.definition}
      errors={errors}
    />
  );
}

interface PreviewFormProps {
  tenant: string;
  instrumentKey: string;
  version: number;
  title: string;
  def: Definition;
  errors: ReturnType<typeof useFormErrors>;
}

function PreviewForm({ tenant, instrumentKey, version, title, def, errors }: PreviewFormProps) {
  const [answers, setAnswers] = useState<Answers>({});
  const [auditDate, setAuditDate] = useState<DateParts>(() => toParts(today()));
  const asOf = fromParts(auditDate) ?? today();
  const [checked, setChecked] = useState(false);

  const { applies, computed } = useMemo(() => evaluate(def, answers, asOf), [def, answers, asOf]);
  const sent = useMemo(() => applicableAnswers(answers, applies), [answers, applies]);
  const settled = useDebounced({ answers: sent, asOf }, 400);

  const live = useQuery({
    queryKey: ['instruments', tenant, 'preview', instrumentKey, version, settled] as const,
    queryFn: ({ signal }) =>
      previewScore(
        {
          tenant,
          key: instrumentKey,
          version,
          answers: settled.answers,
          asOf: settled.asOf,
          mode: 'draft',
        },
        signal,
      ),
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: Infinity,
  });
  const submit = useSubmitPreview();
  // The last result the server gave: while a half-typed answer cannot be
  // scored, the panel keeps showing it rather than going blank.
  const [shown, setShown] = useState<ScoreResult>();
  if (live.data && live.data !== shown) setShown(live.data);

  const needsOrganisations = def.sections.some((section) =>
    section.items.some((item) => item.kind === 'organisation'),
  );
  const organisations = useOrganisationOptions(tenant, needsOrganisations);

  const onAnswer = (id: string, value: Answer | undefined) => {
    setChecked(false);
    setAnswers((previous) => ({ ...previous, [id]: value }));
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(false);
    submit.mutate(
      { tenant, key: instrumentKey, version, answers: sent, asOf, mode: 'submit' },
      {
        onSuccess: () => {
          errors.clear();
          setChecked(true);
        },
        onError: (error) => {
          if (error instanceof ApiError) errors.showProblem(error.problem, 'answers');
          else errors.show([{ field: 'answers', message: error.message }]);
        },
      },
    );
  };

  const milestones = new Map(shown?.milestones.map((m) => [m.item, m]) ?? []);
  const sectionApplies = (condition: Definition['sections'][number]['applies_when']) =>
    !condition || evaluateCondition(def, condition, answers, asOf);

  return (
    <>
      <BackLink href={instrumentPath(tenant, instrumentKey)} text={title} />
      {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
      {checked && (
        <NotificationBanner
          type="success"
          titleText="Success"
          text="These answers are complete: a response like this could be submitted."
        />
      )}
      <span className="govuk-caption-l">Preview of version {version}</span>
      <h1 className="govuk-heading-l">{title}</h1>
      <div className="govuk-inset-text">
        This is a preview. Nothing you enter is saved, and files are not uploaded. The result is
        worked out by sendqa as you answer.
      </div>

      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <form onSubmit={onSubmit} noValidate>
            <DateInput
              id="as_of"
              namePrefix="as_of"
              fieldset={{
                legend: { text: 'Date of the audit', classes: 'govuk-fieldset__legend--s' },
              }}
              hint={{
                text: 'Ages, weeks and due dates are counted to this date. For example, 27 3 2026',
              }}
              errorMessage={errors.messageFor('as_of')}
              values={auditDate}
              onChange={(name, text) => setAuditDate({ ...auditDate, [name]: text })}
            />
            {def.sections.map((section) => {
              if (!sectionApplies(section.applies_when)) return null;

              return (
                <section key={section.id} aria-labelledby={`preview-${section.id}`}>
                  <h2 className="govuk-heading-m" id={`preview-${section.id}`}>
                    {section.title}
                  </h2>
                  {section.guidance && <p className="govuk-body">{section.guidance}</p>}
                  {section.easy_read && (
                    <p className="govuk-body">
                      <strong>Easy read:</strong> {section.easy_read}
                    </p>
                  )}
                  {section.items.map((item) =>
                    applies[item.id] ? (
                      <ItemField
                        key={item.id}
                        def={def}
                        item={item}
                        answer={answers[item.id]}
                        onAnswer={onAnswer}
                        errorFor={errors.messageFor}
                        computed={computed[item.id]}
                        milestone={milestones.get(item.id)}
                        organisations={organisations.data?.items ?? []}
                      />
                    ) : null,
                  )}
                </section>
              );
            })}
            <Button
              type="submit"
              text="Check the answers as if submitting"
              disabled={submit.isPending}
            />
          </form>
        </div>
        <div className="govuk-grid-column-one-third">
          <ResultPanel def={def} result={shown} updating={live.isFetching} stale={live.isError} />
        </div>
      </div>
    </>
  );
}
