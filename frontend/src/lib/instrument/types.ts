/**
 * The JSON form of an instrument definition, as the API returns it and
 * as `domain/instrument/schema.json` describes it. Only what the pages
 * read is typed; the server validates the rest.
 */
export type ItemKind =
  | 'scale'
  | 'grade'
  | 'rag'
  | 'yes_no'
  | 'milestone'
  | 'date'
  | 'number'
  | 'text'
  | 'long_text'
  | 'choice'
  | 'multi_choice'
  | 'organisation'
  | 'evidence'
  | 'personal'
  | 'computed';

export type Op = 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge' | 'in' | 'answered';

export type Operand = number | string | Array<number | string>;

export interface Condition {
  all?: Condition[];
  any?: Condition[];
  not?: Condition;
  item?: string;
  op?: Op;
  value?: Operand;
}

export interface Option {
  key: string;
  label: string;
  easy_read?: string;
  descriptor?: string;
  picture?: string;
  value?: number;
}

export interface Due {
  from?: string;
  offset?: number;
  unit?: 'days' | 'weeks' | 'months';
  month?: number;
  day?: number;
  year_from?: string;
}

export interface Milestone {
  due: Due;
  cap?: Due;
  statutory: boolean;
  legal_reference?: string;
  exceptions?: string[];
}

export type ComputeFunc = 'age_in_years_at' | 'weeks_between' | 'days_between';

export interface Item {
  id: string;
  kind: ItemKind;
  label: string;
  guidance?: string;
  easy_read?: string;
  required?: boolean;
  applies_when?: Condition;
  options?: Option[];
  descriptors?: Record<string, string>;
  allow_blue?: boolean;
  allow_partial?: boolean;
  allow_not_applicable?: boolean;
  personal_kind?: string;
  milestone?: Milestone;
  compute?: { func: ComputeFunc; from: string; to?: string };
}

export interface Threshold {
  min: number;
  label: string;
}

export interface Clause {
  count?: string;
  at_least?: number;
  label: string;
  value?: number;
}

export interface Rule {
  method: 'none' | 'mean' | 'worst_of' | 'count' | 'milestone_compliance';
  over?: 'items' | 'sections';
  items?: string[];
  thresholds?: Threshold[];
  clauses?: Clause[];
  statutory_only?: boolean;
}

export interface Section {
  id: string;
  title: string;
  guidance?: string;
  easy_read?: string;
  applies_when?: Condition;
  rule?: Rule;
  items: Item[];
}

export interface Definition {
  key: string;
  version: number;
  title: string;
  description?: string;
  subject: string;
  completed_by: string[];
  scoring: { rule_version: string; sections?: Rule; overall: Rule };
  follow_up?: { poor_labels: string[]; action: string; description?: string };
  /** Where an adopted copy came from; no tenant for a built-in original. */
  derived_from?: { tenant?: string; key: string; version: number };
  sections: Section[];
}

/** A milestone's answer, as `DecodeAnswers` reads it. */
export interface MilestoneAnswer {
  actual?: string;
  reason?: string;
  exception?: { kind: string; from?: string; to?: string };
}

/** An evidence answer: file ids and a note. */
export interface EvidenceAnswer {
  files?: string[];
  note?: string;
}

/** One answer in the JSON shape `DecodeAnswers` reads. */
export type Answer = string | string[] | number | MilestoneAnswer | EvidenceAnswer | null;

/** Answers keyed by item id. */
export type Answers = Record<string, Answer | undefined>;

/**
 * Reads a definition from the API's untyped JSON. The server has already
 * validated it, so this checks only the outline the pages walk.
 */
export function parseDefinition(json: unknown): Definition {
  const candidate = json as Partial<Definition> | null;
  if (!candidate || typeof candidate !== 'object' || !Array.isArray(candidate.sections)) {
    throw new Error('The instrument definition is not in the expected form.');
  }

  return candidate as Definition;
}
