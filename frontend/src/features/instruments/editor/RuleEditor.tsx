import { Button, Fieldset } from '../../../components/govuk';
import { fieldId } from '../../../lib/forms';
import type { Clause, Rule, Threshold } from '../../../lib/instrument/types';
import { move, removeAt, replaceAt } from './draft';
import { CheckField, NumberField, PartActions, SelectField, TextField } from './fields';

const methodNames: Array<[Rule['method'], string]> = [
  ['none', 'Not scored'],
  ['mean', 'The mean of the answers’ values, banded by thresholds'],
  ['worst_of', 'The worst result, banded by thresholds'],
  ['count', 'Counting answers, for example red when any answer is red'],
  ['milestone_compliance', 'The share of milestones met on time'],
];

const banded = new Set<Rule['method']>(['mean', 'worst_of', 'milestone_compliance']);

/** The starting parts a method needs, kept when the author had some. */
function withMethod(rule: Rule, method: Rule['method']): Rule {
  const next: Rule = { ...rule, method };
  if (banded.has(method) && !next.thresholds?.length) next.thresholds = [{ min: 0, label: '' }];
  if (method === 'count' && !next.clauses?.length) next.clauses = [{ label: '' }];

  return next;
}

interface RuleEditorProps {
  /** `scoring.overall`, `scoring.sections` or `sections[1].rule`. */
  path: string;
  legend: string;
  rule: Rule;
  onChange: (rule: Rule) => void;
  /** The overall rule may read section results; a section's only items. */
  overall: boolean;
}

/** A scoring rule: its method, what it reads, and its bands or counts. */
export function RuleEditor({ path, legend, rule, onChange, overall }: RuleEditorProps) {
  return (
    <Fieldset
      legend={{ text: legend, classes: 'govuk-fieldset__legend--s' }}
      attributes={{ id: fieldId(path) }}
    >
      <SelectField
        path={`${path}.method`}
        label="How the result is worked out"
        value={rule.method}
        options={methodNames}
        onChange={(method) => onChange(withMethod(rule, method as Rule['method']))}
      />
      {overall && (rule.method === 'mean' || rule.method === 'worst_of') && (
        <SelectField
          path={`${path}.over`}
          label="Read from"
          value={rule.over ?? 'items'}
          options={[
            ['items', 'the questions’ answers'],
            ['sections', 'each section’s result'],
          ]}
          onChange={(over) => onChange({ ...rule, over: over as Rule['over'] })}
        />
      )}
      {rule.method === 'milestone_compliance' && (
        <CheckField
          path={`${path}.statutory_only`}
          label="Count statutory milestones only"
          checked={Boolean(rule.statutory_only)}
          onChange={(checked) => onChange({ ...rule, statutory_only: checked })}
        />
      )}
      {banded.has(rule.method) && (
        <Thresholds
          path={`${path}.thresholds`}
          thresholds={rule.thresholds ?? []}
          onChange={(thresholds) => onChange({ ...rule, thresholds })}
        />
      )}
      {rule.method === 'count' && (
        <Clauses
          path={`${path}.clauses`}
          clauses={rule.clauses ?? []}
          onChange={(clauses) => onChange({ ...rule, clauses })}
        />
      )}
    </Fieldset>
  );
}

function Thresholds(props: {
  path: string;
  thresholds: Threshold[];
  onChange: (thresholds: Threshold[]) => void;
}) {
  const { path, thresholds, onChange } = props;

  return (
    <div id={fieldId(path)}>
      <h4 className="govuk-heading-s">Thresholds</h4>
      <p className="govuk-hint">
        Highest first. A result gets the label of the first threshold it reaches. Labels are
        lower-case words joined by underscores, for example requires_improvement.
      </p>
      {thresholds.map((threshold, i) => (
        <div key={i} className="govuk-!-margin-bottom-4">
          <NumberField
            path={`${path}[${i}].min`}
            label={`Threshold ${i + 1}: from`}
            value={threshold.min}
            onChange={(min) => onChange(replaceAt(thresholds, i, { ...threshold, min: min ?? 0 }))}
          />
          <TextField
            path={`${path}[${i}].label`}
            label={`Threshold ${i + 1}: label`}
            classes="govuk-input--width-20"
            value={threshold.label}
            onChange={(label) => onChange(replaceAt(thresholds, i, { ...threshold, label }))}
          />
          <PartActions
            name={`threshold ${i + 1}`}
            listPath={path}
            index={i}
            count={thresholds.length}
            onMove={(by) => onChange(move(thresholds, i, by))}
            onRemove={() => onChange(removeAt(thresholds, i))}
          />
        </div>
      ))}
      <Button
        type="button"
        classes="govuk-button--secondary"
        text="Add a threshold"
        onClick={() => onChange([...thresholds, { min: 0, label: '' }])}
      />
    </div>
  );
}

function Clauses(props: { path: string; clauses: Clause[]; onChange: (c: Clause[]) => void }) {
  const { path, clauses, onChange } = props;
  const set = (i: number, clause: Clause) => onChange(replaceAt(clauses, i, clause));

  return (
    <div id={fieldId(path)}>
      <h4 className="govuk-heading-s">Counting rules</h4>
      <p className="govuk-hint">
        Read in order; the first that holds gives the result. Leave the answer to count empty in the
        last rule for “otherwise”.
      </p>
      {clauses.map((clause, i) => (
        <div key={i} className="govuk-!-margin-bottom-4">
          <TextField
            path={`${path}[${i}].count`}
            label={`Rule ${i + 1}: answer to count`}
            hint="An answer’s key, for example red or green"
            classes="govuk-input--width-10"
            value={clause.count}
            onChange={(count) =>
              set(
                i,
                count
                  ? { ...clause, count, at_least: clause.at_least ?? 1 }
                  : { label: clause.label },
              )
            }
          />
          {clause.count && (
            <NumberField
              path={`${path}[${i}].at_least`}
              label={`Rule ${i + 1}: at least how many`}
              value={clause.at_least}
              onChange={(atLeast) => set(i, { ...clause, at_least: atLeast })}
            />
          )}
          <TextField
            path={`${path}[${i}].label`}
            label={`Rule ${i + 1}: result label`}
            classes="govuk-input--width-20"
            value={clause.label}
            onChange={(label) => set(i, { ...clause, label })}
          />
          <PartActions
            name={`rule ${i + 1}`}
            listPath={path}
            index={i}
            count={clauses.length}
            onMove={(by) => onChange(move(clauses, i, by))}
            onRemove={() => onChange(removeAt(clauses, i))}
          />
        </div>
      ))}
      <Button
        type="button"
        classes="govuk-button--secondary"
        text="Add a counting rule"
        onClick={() => onChange([...clauses, { label: '' }])}
      />
    </div>
  );
}
