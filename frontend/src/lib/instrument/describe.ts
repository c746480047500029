import { choicesOf } from './engine';
import type { Condition, Definition, Due, Item, ItemKind, Operand, Rule } from './types';

/*
 * Plain-English wording of an instrument's parts, for the instrument's
 * page and the preview: nobody should have to read JSON to know when a
 * question is asked or how a result is reached.
 */

export const kindNames: Record<ItemKind, string> = {
  scale: 'Scale',
  grade: 'Grade (Outstanding to Inadequate)',
  rag: 'Red, amber or green',
  yes_no: 'Yes or no',
  milestone: 'Milestone (date against a due date)',
  date: 'Date',
  number: 'Number',
  text: 'Short text',
  long_text: 'Long text',
  choice: 'One choice',
  multi_choice: 'Several choices',
  organisation: 'Service or setting',
  evidence: 'Evidence files',
  personal: 'Personal data',
  computed: 'Worked out from other answers',
};

/** Words for a label key such as `requires_improvement`. */
export function humanise(key: string): string {
  const words = key.replace(/_/g, ' ');

  return words.charAt(0).toUpperCase() + words.slice(1);
}

function itemLabel(def: Definition, id: string): string {
  for (const section of def.sections) {
    const item = section.items.find((candidate) => candidate.id === id);
    if (item) return `"${item.label}"`;
  }

  return `"${id}"`;
}

function findItem(def: Definition, id: string): Item | undefined {
  for (const section of def.sections) {
    const item = section.items.find((candidate) => candidate.id === id);
    if (item) return item;
  }

  return undefined;
}

function operandText(def: Definition, itemId: string, value: Operand | undefined): string {
  const item = findItem(def, itemId);
  const one = (v: number | string) => {
    const option = item ? choicesOf(item).find((choice) => choice.key === v) : undefined;

    return option ? `"${option.label}"` : String(v);
  };
  if (Array.isArray(value)) return value.map(one).join(' or ');

  return value === undefined ? '' : one(value);
}

const opWords: Record<string, string> = {
  eq: 'is',
  ne: 'is not',
  lt: 'is less than',
  le: 'is at most',
  gt: 'is more than',
  ge: 'is at least',
  in: 'is one of',
};

/** A condition as a sentence fragment: `"Age at audit" is at least 14`. */
export function describeCondition(def: Definition, condition: Condition): string {
  const join = (parts: Condition[], word: string) =>
    parts.map((part) => describeCondition(def, part)).join(` ${word} `);

  if (condition.all)
    return condition.all.length > 1
      ? `(${join(condition.all, 'and')})`
      : join(condition.all, 'and');
  if (condition.any)
    return condition.any.length > 1 ? `(${join(condition.any, 'or')})` : join(condition.any, 'or');
  if (condition.not) return `not ${describeCondition(def, condition.not)}`;

  const subject = itemLabel(def, condition.item ?? '');
  if (condition.op === 'answered') return `${subject} is answered`;
  const item = findItem(def, condition.item ?? '');
  const op =
    item?.kind === 'multi_choice' && condition.op === 'eq'
      ? 'includes'
      : item?.kind === 'multi_choice' && condition.op === 'ne'
        ? 'does not include'
        : (opWords[condition.op ?? ''] ?? condition.op);

  return `${subject} ${op} ${operandText(def, condition.item ?? '', condition.value)}`;
}

const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** When a milestone is due, in words: "6 weeks after "Date received"". */
export function describeDue(def: Definition, due: Due): string {
  if (due.year_from) {
    return `${due.day} ${monthNames[(due.month ?? 1) - 1]} of the year in ${itemLabel(def, due.year_from)}`;
  }
  const offset = due.offset ?? 0;
  const size = Math.abs(offset);
  const unit = size === 1 ? (due.unit ?? 'days').replace(/s$/, '') : (due.unit ?? 'days');
  const direction = offset < 0 ? 'before' : 'after';

  return `${size} ${unit} ${direction} ${itemLabel(def, due.from ?? '')}`;
}

function thresholdsText(rule: Rule): string {
  return (rule.thresholds ?? [])
    .map((threshold) => `${humanise(threshold.label)} from ${threshold.min}`)
    .join('; ');
}

/** A scoring rule in words. */
export function describeRule(rule: Rule): string {
  const bands = thresholdsText(rule);
  const mapped = bands ? ` The result is ${bands}.` : '';

  switch (rule.method) {
    case 'none':
      return 'Not scored.';
    case 'mean': {
      const over = rule.over === 'sections' ? 'section results' : 'answered item values';
      const which = rule.items?.length ? ` (of ${rule.items.length} named items)` : '';

      return `The mean of the ${over}${which}; items answered "Not applicable" or not applying are left out.${mapped}`;
    }
    case 'worst_of':
      return `The lowest ${rule.over === 'items' ? 'item' : 'section'} result.${mapped}`;
    case 'count': {
      const clauses = (rule.clauses ?? []).map((clause) => {
        if (!clause.count) return `otherwise ${humanise(clause.label)}`;
        const many = clause.at_least && clause.at_least > 1 ? `at least ${clause.at_least}` : 'any';

        return `${humanise(clause.label)} when ${many} ${clause.count.replace(/_/g, ' ')}`;
      });

      return `Counted: ${clauses.join('; ')}.`;
    }
    case 'milestone_compliance': {
      const which = rule.statutory_only ? 'statutory milestones' : 'milestones';

      return `The share of applicable ${which} met on time; excused cases are counted apart from late ones.${mapped}`;
    }
  }

  return rule.method;
}
