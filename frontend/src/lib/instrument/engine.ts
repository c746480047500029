import { ageAt, compareDates, daysBetween, parseDate, type CalendarDate } from './dates';
import type {
  Answer,
  Answers,
  Condition,
  Definition,
  Item,
  MilestoneAnswer,
  Op,
  Operand,
  Option,
} from './types';

/*
 * A port of the server's condition and computed-item evaluation
 * (domain/instrument: condition.go, computed.go, sheet.go), so that a
 * form shows and hides questions exactly as the server will judge them.
 * Both run the shared vectors in domain/instrument/testdata/vectors.
 */

// Bounds nesting, as the server does, so a hostile definition cannot
// make evaluation recurse without limit.
const maxConditionDepth = 16;

type Value =
  | { type: 'choice'; key: string }
  | { type: 'choices'; keys: string[] }
  | { type: 'number'; n: number }
  | { type: 'date'; date: CalendarDate }
  | { type: 'text'; text: string }
  | { type: 'milestone'; actual?: CalendarDate; answer: MilestoneAnswer }
  | { type: 'evidence'; files: string[] };

interface ItemRef {
  item: Item;
  section: number;
  ord: number;
}

const optionKinds = new Set(['scale', 'grade', 'rag', 'yes_no', 'choice']);

/** The answers an option item offers, with their values, as on the server. */
export function choicesOf(item: Item): Option[] {
  const describe = (options: Option[]) =>
    options.map((option) => ({ ...option, descriptor: item.descriptors?.[option.key] }));

  switch (item.kind) {
    case 'grade':
      return describe([
        { key: 'outstanding', label: 'Outstanding', value: 4 },
        { key: 'good', label: 'Good', value: 3 },
        { key: 'requires_improvement', label: 'Requires improvement', value: 2 },
        { key: 'inadequate', label: 'Inadequate', value: 1 },
      ]);
    case 'rag':
      return describe([
        { key: 'red', label: 'Red', value: 1 },
        { key: 'amber', label: 'Amber', value: 2 },
        { key: 'green', label: 'Green', value: 3 },
        ...(item.allow_blue ? [{ key: 'blue', label: 'Blue', value: 4 }] : []),
      ]);
    case 'yes_no':
      return describe([
        { key: 'yes', label: 'Yes', value: 1 },
        ...(item.allow_partial ? [{ key: 'partial', label: 'Partial', value: 0.5 }] : []),
        { key: 'no', label: 'No', value: 0 },
        ...(item.allow_not_applicable ? [{ key: 'not_applicable', label: 'Not applicable' }] : []),
      ]);
  }

  return item.options ?? [];
}

function isDateOfBirth(item: Item) {
  return item.kind === 'personal' && item.personal_kind === 'date_of_birth';
}

/**
 * Types an answer by its item's kind, as DecodeAnswers does; an answer of
 * the wrong shape reads as no answer rather than being misread.
 */
function typed(item: Item, answer: Answer | undefined): Value | undefined {
  if (answer === undefined || answer === null) return undefined;

  if (optionKinds.has(item.kind)) {
    return typeof answer === 'string' ? { type: 'choice', key: answer } : undefined;
  }
  switch (item.kind) {
    case 'multi_choice':
      return Array.isArray(answer) && answer.every((key) => typeof key === 'string')
        ? { type: 'choices', keys: answer }
        : undefined;
    case 'number':
      return typeof answer === 'number' && Number.isFinite(answer)
        ? { type: 'number', n: answer }
        : undefined;
    case 'date':
      return dateValue(answer);
    case 'personal':
      if (isDateOfBirth(item)) return dateValue(answer);

      return typeof answer === 'string' ? { type: 'text', text: answer } : undefined;
    case 'text':
    case 'long_text':
    case 'organisation':
      return typeof answer === 'string' ? { type: 'text', text: answer } : undefined;
    case 'milestone': {
      if (typeof answer !== 'object' || Array.isArray(answer)) return undefined;
      const milestone = answer as MilestoneAnswer;
      const actual = milestone.actual ? parseDate(milestone.actual) : undefined;
      if (milestone.actual && !actual) return undefined;

      return { type: 'milestone', actual, answer: milestone };
    }
    case 'evidence':
      if (typeof answer !== 'object' || Array.isArray(answer)) return undefined;

      return { type: 'evidence', files: ('files' in answer && answer.files) || [] };
  }

  return undefined;
}

function dateValue(answer: Answer): Value | undefined {
  if (typeof answer !== 'string') return undefined;
  const date = parseDate(answer);

  return date ? { type: 'date', date } : undefined;
}

function answered(value: Value): boolean {
  switch (value.type) {
    case 'choice':
      return value.key !== '';
    case 'choices':
      return value.keys.length > 0;
    case 'number':
    case 'date':
      return true;
    case 'text':
      return value.text.trim() !== '';
    case 'milestone':
      return (
        value.actual !== undefined ||
        value.answer.exception != null ||
        (value.answer.reason ?? '').trim() !== ''
      );
    case 'evidence':
      return value.files.length > 0;
  }
}

/**
 * The working state of one evaluation, with memos so that each item's
 * applicability and computed value is worked out once.
 */
class Sheet {
  private readonly index = new Map<string, ItemRef>();
  private readonly state: Array<'busy' | 'yes' | 'no' | undefined> = [];
  private readonly computed: Array<{ n?: number } | undefined> = [];

  constructor(
    private readonly def: Definition,
    private readonly answers: Answers,
    private readonly asOf: CalendarDate | undefined,
  ) {
    let ord = 0;
    def.sections.forEach((section, s) => {
      for (const item of section.items) {
        // The first item with an id wins, as on the server.
        if (!this.index.has(item.id)) this.index.set(item.id, { item, section: s, ord });
        ord += 1;
      }
    });
  }

  ids() {
    return [...this.index.keys()];
  }

  applies(id: string): boolean {
    const ref = this.index.get(id);

    return ref !== undefined && this.appliesRef(ref);
  }

  /** A cycle, which validation rejects, reads as "does not apply". */
  private appliesRef(ref: ItemRef): boolean {
    const known = this.state[ref.ord];
    if (known === 'yes') return true;
    if (known === 'no' || known === 'busy') return false;

    this.state[ref.ord] = 'busy';
    const section = this.def.sections[ref.section];
    const yes =
      (!section?.applies_when || this.holds(section.applies_when, 0)) &&
      (!ref.item.applies_when || this.holds(ref.item.applies_when, 0));
    this.state[ref.ord] = yes ? 'yes' : 'no';

    return yes;
  }

  holds(condition: Condition, depth: number): boolean {
    if (depth > maxConditionDepth) return false;
    if (condition.all) return condition.all.every((child) => this.holds(child, depth + 1));
    if (condition.any) return condition.any.some((child) => this.holds(child, depth + 1));
    if (condition.not) return !this.holds(condition.not, depth + 1);

    return this.compare(condition.item ?? '', condition.op, condition.value);
  }

  value(id: string): Value | undefined {
    const ref = this.index.get(id);
    if (!ref || !this.appliesRef(ref)) return undefined;

    if (ref.item.kind === 'computed') {
      const n = this.compute(ref);

      return n === undefined ? undefined : { type: 'number', n };
    }
    const value = typed(ref.item, this.answers[ref.item.id]);

    return value && answered(value) ? value : undefined;
  }

  computedValue(id: string): number | undefined {
    const ref = this.index.get(id);
    if (!ref || ref.item.kind !== 'computed' || !this.appliesRef(ref)) return undefined;

    return this.compute(ref);
  }

  private compute(ref: ItemRef): number | undefined {
    const memo = this.computed[ref.ord];
    if (memo) return memo.n;
    // Marked before recursing so that a cycle ends as "no value".
    this.computed[ref.ord] = {};

    const n = this.computeFresh(ref.item);
    this.computed[ref.ord] = { n };

    return n;
  }

  private computeFresh(item: Item): number | undefined {
    const compute = item.compute;
    if (!compute) return undefined;
    const from = this.date(compute.from);
    if (!from) return undefined;
    const to = compute.to ? this.date(compute.to) : this.asOf;
    if (!to) return undefined;

    switch (compute.func) {
      case 'age_in_years_at':
        return ageAt(from, to);
      case 'weeks_between':
        return Math.trunc(daysBetween(from, to) / 7);
      case 'days_between':
        return daysBetween(from, to);
    }

    return undefined;
  }

  /** The date an item gives: a date, a date of birth or a milestone's. */
  private date(id: string): CalendarDate | undefined {
    const value = this.value(id);
    if (value?.type === 'date') return value.date;
    if (value?.type === 'milestone') return value.actual;

    return undefined;
  }

  private compare(id: string, op: Op | undefined, operand: Operand | undefined): boolean {
    const ref = this.index.get(id);
    if (!ref) return false;
    const value = this.value(id);
    if (!value) return false;
    if (op === 'answered') return true;

    switch (value.type) {
      case 'choice':
        return compareChoice(ref.item, value.key, op, operand);
      case 'choices':
        return compareChoices(value.keys, op, operand);
      case 'number':
        return compareNumber(value.n, op, operand);
      case 'date':
        return compareDate(value.date, op, operand);
      case 'milestone':
        return value.actual ? compareDate(value.actual, op, operand) : false;
      case 'text':
        return compareText(value.text, op, operand);
    }

    return false;
  }
}

function compareChoice(item: Item, key: string, op: Op | undefined, operand?: Operand) {
  if (op === 'eq' || op === 'ne' || op === 'in') return compareText(key, op, operand);
  const option = choicesOf(item).find((choice) => choice.key === key);
  if (option?.value === undefined) return false;

  return compareNumber(option.value, op, operand);
}

function compareChoices(keys: string[], op: Op | undefined, operand?: Operand) {
  switch (op) {
    case 'eq':
      return typeof operand === 'string' && keys.includes(operand);
    case 'ne':
      return typeof operand === 'string' && !keys.includes(operand);
    case 'in':
      return (
        Array.isArray(operand) && operand.some((o) => typeof o === 'string' && keys.includes(o))
      );
  }

  return false;
}

function compareNumber(n: number, op: Op | undefined, operand?: Operand) {
  if (op === 'in') return Array.isArray(operand) && operand.some((o) => o === n);
  if (typeof operand !== 'number') return false;

  return ordered(Math.sign(n - operand), op);
}

function compareDate(date: CalendarDate, op: Op | undefined, operand?: Operand) {
  if (op === 'in') {
    return (
      Array.isArray(operand) &&
      operand.some((o) => {
        const other = typeof o === 'string' ? parseDate(o) : undefined;

        return other !== undefined && compareDates(date, other) === 0;
      })
    );
  }
  const other = typeof operand === 'string' ? parseDate(operand) : undefined;
  if (!other) return false;

  return ordered(compareDates(date, other), op);
}

function compareText(text: string, op: Op | undefined, operand?: Operand) {
  switch (op) {
    case 'eq':
      return typeof operand === 'string' && text === operand;
    case 'ne':
      return typeof operand === 'string' && text !== operand;
    case 'in':
      return Array.isArray(operand) && operand.some((o) => o === text);
  }

  return false;
}

function ordered(cmp: number, op: Op | undefined) {
  switch (op) {
    case 'eq':
      return cmp === 0;
    case 'ne':
      return cmp !== 0;
    case 'lt':
      return cmp < 0;
    case 'le':
      return cmp <= 0;
    case 'gt':
      return cmp > 0;
    case 'ge':
      return cmp >= 0;
  }

  return false;
}

/** What a form needs to show: which items apply, and the computed values. */
export interface Evaluation {
  applies: Record<string, boolean>;
  computed: Record<string, number | undefined>;
}

/**
 * Works out, for answers on `asOf` (the audit date, YYYY-MM-DD), which
 * items apply and the value of each computed item.
 */
export function evaluate(def: Definition, answers: Answers, asOf: string): Evaluation {
  const sheet = new Sheet(def, answers, parseDate(asOf));
  const applies: Record<string, boolean> = {};
  const computed: Record<string, number | undefined> = {};
  for (const id of sheet.ids()) {
    applies[id] = sheet.applies(id);
    computed[id] = sheet.computedValue(id);
  }

  return { applies, computed };
}

/** Whether a condition holds for answers on `asOf`, reading items of def. */
export function evaluateCondition(
  def: Definition,
  condition: Condition,
  answers: Answers,
  asOf: string,
): boolean {
  return new Sheet(def, answers, parseDate(asOf)).holds(condition, 0);
}
