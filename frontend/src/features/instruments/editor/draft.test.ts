import { describe, expect, it } from 'vitest';
import { evaluateCondition } from '../../../lib/instrument/engine';
import type { Definition, Item } from '../../../lib/instrument/types';
import {
  blankDefinition,
  cleanDefinition,
  freshId,
  isSimpleCondition,
  move,
  newSection,
  withKind,
} from './draft';
import { describePath, describeProblems } from './problems';

describe('move', () => {
  it('moves an element up and down, and ignores moves off either end', () => {
    expect(move(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(move(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(move(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
    expect(move(['a', 'b'], 1, 1)).toEqual(['a', 'b']);
  });
});

describe('new parts', () => {
  it('takes the lowest free id', () => {
    expect(freshId('question', ['question_1', 'question_3'])).toBe('question_2');
  });

  it('gives a new section and its question ids no other part has', () => {
    const def = blankDefinition();
    const section = newSection(def);
    expect(section.id).toBe('section_2');
    expect(section.items[0]?.id).toBe('question_2');
  });
});

describe('withKind', () => {
  const base: Item = { id: 'q', kind: 'yes_no', label: 'Q', allow_partial: true, required: true };

  it('drops what the old kind had and starts what the new one needs', () => {
    const scale = withKind(base, 'scale');
    expect(scale.allow_partial).toBeUndefined();
    expect(scale.options?.map((option) => option.value)).toEqual([1, 0]);

    const computed = withKind(scale, 'computed');
    expect(computed.options).toBeUndefined();
    expect(computed.required).toBeUndefined();
    expect(computed.compute?.func).toBe('age_in_years_at');

    expect(withKind(base, 'personal').personal_kind).toBe('name');
    expect(withKind(base, 'milestone').milestone?.due.unit).toBe('weeks');
  });
});

describe('cleanDefinition', () => {
  it('leaves out blank optional text and fields the rule method does not use', () => {
    const def: Definition = {
      ...blankDefinition(),
      description: '',
      scoring: {
        rule_version: 'v1',
        overall: {
          method: 'count',
          over: 'items',
          thresholds: [{ min: 0, label: 'x' }],
          clauses: [{ label: 'ok' }],
        },
      },
    };
    def.sections[0]!.guidance = '';
    def.sections[0]!.items[0]!.easy_read = '';
    def.sections[0]!.items[0]!.required = false;

    const clean = cleanDefinition(def);
    expect('description' in clean).toBe(false);
    expect(clean.scoring.overall).toEqual({ method: 'count', clauses: [{ label: 'ok' }] });
    expect('guidance' in clean.sections[0]!).toBe(false);
    expect(clean.sections[0]!.items[0]).toEqual({ id: 'question_1', kind: 'yes_no', label: '' });
  });
});

describe('isSimpleCondition', () => {
  it('accepts comparisons joined by all or any, and refuses nesting', () => {
    expect(isSimpleCondition(undefined)).toBe(true);
    expect(isSimpleCondition({ item: 'a', op: 'eq', value: 'yes' })).toBe(true);
    expect(isSimpleCondition({ any: [{ item: 'a', op: 'answered' }] })).toBe(true);
    expect(isSimpleCondition({ all: [{ not: { item: 'a', op: 'answered' } }] })).toBe(false);
  });

  it('builds conditions the engine evaluates', () => {
    const def: Definition = {
      ...blankDefinition(),
      sections: [{ id: 's', title: 'S', items: [{ id: 'a', kind: 'yes_no', label: 'A' }] }],
    };
    const condition = { all: [{ item: 'a', op: 'eq' as const, value: 'yes' }] };
    expect(evaluateCondition(def, condition, { a: 'yes' }, '2026-01-01')).toBe(true);
    expect(evaluateCondition(def, condition, { a: 'no' }, '2026-01-01')).toBe(false);
  });
});

describe('describePath', () => {
  it('names the part of the definition a problem is in', () => {
    expect(describePath('sections[0].items[2].label')).toBe('Section 1, question 3, label');
    expect(describePath('scoring.overall.thresholds[1].min')).toBe(
      'Scoring, overall result, threshold 2, from',
    );
    expect(describePath('')).toBe('The definition');
    expect(describeProblems([{ field: 'key', message: 'must be lower-case' }])).toEqual([
      { field: 'key', message: 'Reference: must be lower-case' },
    ]);
  });
});
