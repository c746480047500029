/**
 * Pure changes to a definition being written: new parts with fresh ids,
 * moving parts up and down, and trimming an item to what its kind allows,
 * so that the editor never sends a field the server would refuse as "does
 * not apply to this kind of item".
 */
import type {
  Condition,
  Definition,
  Item,
  ItemKind,
  Rule,
  Section,
} from '../../../lib/instrument/types';

/** Moves the element at `index` by `by` places; out of range is a no-op. */
export function move<T>(list: T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return list;
  const next = [...list];
  const [moved] = next.splice(index, 1) as [T];
  next.splice(to, 0, moved);

  return next;
}

export function replaceAt<T>(list: T[], index: number, value: T): T[] {
  return list.map((element, i) => (i === index ? value : element));
}

export function removeAt<T>(list: T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}

/** `prefix_N` for the lowest N not already taken. */
export function freshId(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  for (let n = 1; ; n++) {
    const id = `${prefix}_${n}`;
    if (!used.has(id)) return id;
  }
}

export function allItems(def: Pick<Definition, 'sections'>): Item[] {
  return def.sections.flatMap((section) => section.items);
}

export function newItem(def: Pick<Definition, 'sections'>, extraIds: string[] = []): Item {
  const ids = [...allItems(def).map((item) => item.id), ...extraIds];

  return { id: freshId('question', ids), kind: 'yes_no', label: '' };
}

export function newSection(def: Definition): Section {
  const id = freshId(
    'section',
    def.sections.map((section) => section.id),
  );

  return { id, title: '', items: [newItem(def)] };
}

/** A definition with one empty section and question, to start from. */
export function blankDefinition(): Definition {
  const shell: Definition = {
    key: '',
    version: 1,
    title: '',
    subject: 'theme',
    completed_by: ['auditor'],
    scoring: { rule_version: 'v1', overall: { method: 'none' } },
    sections: [],
  };

  return { ...shell, sections: [newSection(shell)] };
}

/** The kinds whose answers are picked from options the author writes. */
export const ownOptionKinds: ItemKind[] = ['scale', 'choice', 'multi_choice'];

/** Fields that belong to one kind of item only. */
const kindFields: Partial<Record<keyof Item, ItemKind[]>> = {
  options: ownOptionKinds,
  descriptors: ['grade', 'rag', 'yes_no'],
  allow_blue: ['rag'],
  allow_partial: ['yes_no'],
  allow_not_applicable: ['yes_no'],
  personal_kind: ['personal'],
  milestone: ['milestone'],
  compute: ['computed'],
};

/**
 * The item with a new kind: fields of the old kind dropped, and what the
 * new kind needs filled with a starting value the author then changes.
 */
export function withKind(item: Item, kind: ItemKind): Item {
  const next: Item = { ...item, kind };
  for (const [field, kinds] of Object.entries(kindFields)) {
    if (!kinds.includes(kind)) delete next[field as keyof Item];
  }
  if (ownOptionKinds.includes(kind) && !next.options?.length) {
    next.options = [
      { key: 'option_1', label: '', value: kind === 'scale' ? 1 : undefined },
      { key: 'option_2', label: '', value: kind === 'scale' ? 0 : undefined },
    ];
  }
  if (kind === 'personal' && !next.personal_kind) next.personal_kind = 'name';
  if (kind === 'milestone' && !next.milestone) {
    next.milestone = { due: { from: '', offset: 6, unit: 'weeks' }, statutory: false };
  }
  if (kind === 'computed') {
    next.compute ??= { func: 'age_in_years_at', from: '' };
    delete next.required;
  }

  return next;
}

/** Drops empty optional text, so a blank box is "not given", not "". */
function withoutBlanks<T extends object>(value: T, fields: Array<keyof T>): T {
  const next = { ...value };
  for (const field of fields) if (next[field] === '') delete next[field];

  return next;
}

function cleanItem(item: Item): Item {
  const next = withoutBlanks(item, ['guidance', 'easy_read']);
  if (!next.required) delete next.required;
  if (next.options) {
    next.options = next.options.map((option) => withoutBlanks(option, ['easy_read', 'descriptor']));
  }

  return next;
}

function cleanRule(rule: Rule): Rule {
  const next = { ...rule };
  if (next.method !== 'mean' && next.method !== 'worst_of') delete next.over;
  if (next.method === 'none' || next.method === 'count') delete next.thresholds;
  if (next.method !== 'count') delete next.clauses;
  if (next.method !== 'milestone_compliance') delete next.statutory_only;
  if (next.method === 'milestone_compliance' && !next.statutory_only) delete next.statutory_only;

  return next;
}

/** The definition as it is sent: blanks dropped, rules trimmed. */
export function cleanDefinition(def: Definition): Definition {
  const next = withoutBlanks(def, ['description']);
  const overall = cleanRule(def.scoring.overall);
  next.scoring = { ...def.scoring, overall };
  if (def.scoring.sections) next.scoring.sections = cleanRule(def.scoring.sections);
  next.sections = def.sections.map((section) => ({
    ...withoutBlanks(section, ['guidance', 'easy_read']),
    rule: section.rule ? cleanRule(section.rule) : undefined,
    items: section.items.map(cleanItem),
  }));
  for (const section of next.sections) if (!section.rule) delete section.rule;

  return next;
}

/** Whether a condition is one the editor's builder can show and change. */
export function isSimpleCondition(condition: Condition | undefined): boolean {
  if (!condition) return true;
  const clauses = condition.all ?? condition.any ?? [condition];

  return clauses.every((clause) => Boolean(clause.item) && Boolean(clause.op));
}
