import { Button, Checkboxes, Fieldset } from '../../../components/govuk';
import { fieldId } from '../../../lib/forms';
import { describeCondition } from '../../../lib/instrument/describe';
import { choicesOf } from '../../../lib/instrument/engine';
import type { Condition, Definition, Item, Op, Operand } from '../../../lib/instrument/types';
import { allItems, isSimpleCondition, removeAt, replaceAt } from './draft';
import { CheckField, NumberField, SelectField, TextField, useErrorFor } from './fields';

const opNames: Record<Op, string> = {
  eq: 'is',
  ne: 'is not',
  lt: 'is less than',
  le: 'is at most',
  gt: 'is more than',
  ge: 'is at least',
  in: 'is one of',
  answered: 'has been answered',
};

const numericKinds = new Set(['number', 'computed']);

function opsFor(item: Item | undefined): Op[] {
  if (item && (choicesOf(item).length > 0 || item.kind === 'multi_choice')) {
    return ['eq', 'ne', 'in', 'answered'];
  }
  if (item && (item.kind === 'text' || item.kind === 'long_text')) return ['eq', 'ne', 'answered'];

  return ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'answered'];
}

/** A sensible value for a comparison after its item or operator changes. */
function startingValue(item: Item | undefined, op: Op): Operand | undefined {
  if (op === 'answered' || !item) return undefined;
  const [first] = choicesOf(item);
  if (first) return op === 'in' ? [first.key] : first.key;

  return numericKinds.has(item.kind) ? 0 : '';
}

function comparison(item: Item | undefined): Condition {
  const op = opsFor(item)[0] ?? 'eq';

  return { item: item?.id ?? '', op, value: startingValue(item, op) };
}

interface ConditionEditorProps {
  def: Definition;
  /** Where the condition sits: `sections[0].items[2].applies_when`. */
  path: string;
  condition: Condition | undefined;
  onChange: (condition: Condition | undefined) => void;
  /** The question the condition belongs to, which cannot depend on itself. */
  selfId?: string;
  /** What is asked only in some cases: "this question". */
  subject: string;
}

/**
 * Builds an applicability condition from choices rather than typed JSON:
 * comparisons of other questions' answers, joined by "all" or "any".
 * A condition with deeper nesting (written by import) is shown in words
 * and can be replaced, never silently flattened.
 */
export function ConditionEditor(props: ConditionEditorProps) {
  const { def, path, condition, onChange, selfId, subject } = props;
  const others = allItems(def).filter((item) => item.id !== selfId);
  const error = useErrorFor(path);

  if (others.length === 0) {
    return (
      <p className="govuk-hint">Add another question first to ask {subject} only in some cases.</p>
    );
  }
  if (!condition) {
    return (
      <CheckField
        path={path}
        label={`Ask ${subject} only in some cases`}
        checked={false}
        onChange={() => onChange({ all: [comparison(others[0])] })}
      />
    );
  }
  if (!isSimpleCondition(condition)) {
    return (
      <div className="govuk-inset-text" id={fieldId(path)}>
        Asked only when {describeCondition(def, condition)}.{' '}
        <Button
          type="button"
          classes="govuk-button--secondary govuk-!-margin-bottom-0"
          text="Replace with a simpler condition"
          onClick={() => onChange({ all: [comparison(others[0])] })}
        />
      </div>
    );
  }

  const join = condition.any ? 'any' : 'all';
  const clauses = condition.all ?? condition.any ?? [condition];
  const update = (next: Condition[]) =>
    onChange(next.length === 0 ? undefined : join === 'any' ? { any: next } : { all: next });

  return (
    <Fieldset
      legend={{ text: `When to ask ${subject}`, classes: 'govuk-fieldset__legend--s' }}
      attributes={{ id: fieldId(path) }}
    >
      {error && <p className="govuk-error-message">{error.text}</p>}
      <CheckField
        path={`${path}.enabled`}
        label={`Ask ${subject} only in some cases`}
        checked
        onChange={() => onChange(undefined)}
      />
      {clauses.length > 1 && (
        <SelectField
          path={`${path}.join`}
          label="Ask it when"
          value={join}
          options={[
            ['all', 'all of these are true'],
            ['any', 'any one of these is true'],
          ]}
          onChange={(value) => onChange(value === 'any' ? { any: clauses } : { all: clauses })}
        />
      )}
      {clauses.map((clause, i) => (
        <ClauseEditor
          key={i}
          def={def}
          others={others}
          path={`${path}.${join}[${i}]`}
          number={i + 1}
          clause={clause}
          onChange={(next) => update(replaceAt(clauses, i, next))}
          onRemove={() => update(removeAt(clauses, i))}
        />
      ))}
      <Button
        type="button"
        classes="govuk-button--secondary"
        text="Add another condition"
        onClick={() => update([...clauses, comparison(others[0])])}
      />
    </Fieldset>
  );
}

interface ClauseEditorProps {
  def: Definition;
  others: Item[];
  path: string;
  number: number;
  clause: Condition;
  onChange: (clause: Condition) => void;
  onRemove: () => void;
}

function ClauseEditor({ others, path, number, clause, onChange, onRemove }: ClauseEditorProps) {
  const item = others.find((other) => other.id === clause.item);
  const op = clause.op ?? 'eq';
  const ops = opsFor(item);

  return (
    <div className="govuk-!-margin-bottom-4">
      <h4 className="govuk-heading-s govuk-!-margin-bottom-2">Condition {number}</h4>
      <SelectField
        path={`${path}.item`}
        label="Question"
        value={clause.item}
        options={[
          ...(item ? [] : [['', 'Choose a question'] as [string, string]]),
          ...others.map((other): [string, string] => [other.id, other.label || other.id]),
        ]}
        onChange={(id) => onChange(comparison(others.find((other) => other.id === id)))}
      />
      <SelectField
        path={`${path}.op`}
        label="Comparison"
        value={op}
        options={ops.map((value): [string, string] => [value, opNames[value]])}
        onChange={(value) =>
          onChange({ item: clause.item, op: value as Op, value: startingValue(item, value as Op) })
        }
      />
      {op !== 'answered' && (
        <OperandField
          item={item}
          op={op}
          path={`${path}.value`}
          value={clause.value}
          onChange={(value) => onChange({ ...clause, value })}
        />
      )}
      <Button
        type="button"
        classes="govuk-button--secondary govuk-!-margin-bottom-2"
        html={
          <>
            Remove<span className="govuk-visually-hidden"> condition {number}</span>
          </>
        }
        onClick={onRemove}
      />
    </div>
  );
}

interface OperandFieldProps {
  item: Item | undefined;
  op: Op;
  path: string;
  value: Operand | undefined;
  onChange: (value: Operand | undefined) => void;
}

/** The value compared with: an answer to pick, a number or a date. */
function OperandField({ item, op, path, value, onChange }: OperandFieldProps) {
  const choices = item ? choicesOf(item) : [];
  const error = useErrorFor(path);

  if (choices.length > 0 && op === 'in') {
    const chosen = Array.isArray(value) ? value.map(String) : [];

    return (
      <Checkboxes
        name={path}
        idPrefix={fieldId(path)}
        classes="govuk-checkboxes--small"
        fieldset={{ legend: { text: 'Answers' } }}
        errorMessage={error}
        values={chosen}
        items={choices.map((choice) => ({ value: choice.key, text: choice.label || choice.key }))}
        onChange={(event) =>
          onChange(
            event.target.checked
              ? [...chosen, event.target.value]
              : chosen.filter((key) => key !== event.target.value),
          )
        }
      />
    );
  }
  if (choices.length > 0) {
    return (
      <SelectField
        path={path}
        label="Answer"
        value={String(value ?? '')}
        options={choices.map((choice): [string, string] => [
          choice.key,
          choice.label || choice.key,
        ])}
        onChange={onChange}
      />
    );
  }
  if (item && numericKinds.has(item.kind)) {
    return (
      <NumberField
        path={path}
        label="Number"
        value={typeof value === 'number' ? value : undefined}
        onChange={onChange}
      />
    );
  }
  const isDate = item?.kind === 'date' || item?.kind === 'milestone' || item?.kind === 'personal';

  return (
    <TextField
      path={path}
      label={isDate ? 'Date' : 'Answer'}
      hint={isDate ? 'As year-month-day, for example 2026-03-27' : undefined}
      classes={isDate ? 'govuk-input--width-10' : undefined}
      value={String(value ?? '')}
      onChange={onChange}
    />
  );
}
