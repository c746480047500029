import { useMemo, useState } from 'react';
import { ItemField } from '../../../components/instrument/ItemField';
import { useOrganisationOptions } from '../api/organisations';
import { today } from '../../../lib/instrument/dates';
import { evaluate, evaluateCondition } from '../../../lib/instrument/engine';
import type { Answer, Answers, Definition } from '../../../lib/instrument/types';

const noErrors = () => undefined;

/**
 * The form being written, as an auditor will see it, beside the editor.
 * Answers given here show and hide questions by their conditions as the
 * author writes them; nothing is saved. A definition half written may not
 * yet make sense to the engine, and then the preview says so.
 */
export function LivePreview({ tenant, def }: { tenant: string; def: Definition }) {
  const [answers, setAnswers] = useState<Answers>({});
  const asOf = today();
  const evaluation = useMemo(() => {
    try {
      return evaluate(def, answers, asOf);
    } catch {
      return undefined;
    }
  }, [def, answers, asOf]);
  const organisations = useOrganisationOptions(
    tenant,
    def.sections.some((section) => section.items.some((item) => item.kind === 'organisation')),
  );
  const onAnswer = (id: string, value: Answer | undefined) =>
    setAnswers((previous) => ({ ...previous, [id]: value }));

  const sectionApplies = (section: Definition['sections'][number]) => {
    if (!section.applies_when) return true;
    try {
      return evaluateCondition(def, section.applies_when, answers, asOf);
    } catch {
      return true;
    }
  };

  return (
    <aside aria-labelledby="live-preview" className="govuk-!-margin-bottom-6">
      <h2 className="govuk-heading-m" id="live-preview">
        Live preview
      </h2>
      <p className="govuk-body-s">
        The form as it will look. Answer it to check when questions are asked; nothing here is
        saved. Save the draft to score answers.
      </p>
      {!evaluation ? (
        <p className="govuk-body">The preview shows again once the form is complete.</p>
      ) : (
        def.sections.filter(sectionApplies).map((section, s) => (
          <section key={s} aria-labelledby={`live-preview-section-${s}`}>
            <h3 className="govuk-heading-s" id={`live-preview-section-${s}`}>
              {section.title || `Section ${s + 1}`}
            </h3>
            {section.guidance && <p className="govuk-body-s">{section.guidance}</p>}
            {section.easy_read && (
              <p className="govuk-body-s">
                <strong>Easy read:</strong> {section.easy_read}
              </p>
            )}
            {section.items.map((item, i) =>
              evaluation.applies[item.id] && item.id ? (
                <ItemField
                  key={`${i}-${item.id}`}
                  def={def}
                  item={{ ...item, label: item.label || `Question ${i + 1}` }}
                  answer={answers[item.id]}
                  onAnswer={onAnswer}
                  errorFor={noErrors}
                  computed={evaluation.computed[item.id]}
                  organisations={organisations.data?.items ?? []}
                />
              ) : null,
            )}
          </section>
        ))
      )}
    </aside>
  );
}
