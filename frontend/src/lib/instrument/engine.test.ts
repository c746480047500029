// Runs the shared vectors that the Go engine's vectors_test.go also runs,
// so that the browser shows and hides questions, and computes values,
// exactly as the server does.
import { describe, expect, it } from 'vitest';
import computedVectors from '../../../../domain/instrument/testdata/vectors/computed.json';
import conditionVectors from '../../../../domain/instrument/testdata/vectors/conditions.json';
import { evaluate, evaluateCondition } from './engine';
import type { Answers, Condition, Definition, Item } from './types';

/** Wraps items in a one-section definition, as the Go tests do. */
function wrapItems(items: Item[]): Definition {
  return {
    key: 'vector',
    version: 1,
    title: 'Vector',
    subject: 'theme',
    completed_by: ['auditor'],
    scoring: { rule_version: 'v1', overall: { method: 'none' } },
    sections: [{ id: 's', title: 'S', items }],
  };
}

interface ConditionFile {
  items: Item[];
  cases: Array<{
    name: string;
    condition: Condition;
    answers: Answers;
    as_of: string;
    want: boolean;
  }>;
}

interface ComputedFile {
  items: Item[];
  cases: Array<{
    name: string;
    answers: Answers;
    as_of: string;
    want: Record<string, number | null>;
  }>;
}

describe('condition vectors', () => {
  const file = conditionVectors as unknown as ConditionFile;
  const def = wrapItems(file.items);

  it('has cases', () => {
    expect(file.cases.length).toBeGreaterThan(10);
  });

  it.each(file.cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    expect(evaluateCondition(def, c.condition, c.answers, c.as_of)).toBe(c.want);

    // The same condition as an item's applicability, as a form uses it.
    const probe: Item = { id: 'probe', kind: 'text', label: 'Probe', applies_when: c.condition };
    const withProbe = wrapItems([...file.items, probe]);
    expect(evaluate(withProbe, c.answers, c.as_of).applies.probe).toBe(c.want);
  });
});

describe('computed vectors', () => {
  const file = computedVectors as unknown as ComputedFile;
  const def = wrapItems(file.items);

  it('has cases', () => {
    expect(file.cases.length).toBeGreaterThan(5);
  });

  it.each(file.cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const { computed } = evaluate(def, c.answers, c.as_of);
    for (const [id, want] of Object.entries(c.want)) {
      expect({ id, value: computed[id] ?? null }).toEqual({ id, value: want });
    }
  });
});
