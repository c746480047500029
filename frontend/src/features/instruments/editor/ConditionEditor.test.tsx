import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { evaluateCondition } from '../../../lib/instrument/engine';
import type { Condition, Definition } from '../../../lib/instrument/types';
import { ConditionEditor } from './ConditionEditor';

const def: Definition = {
  key: 'conditions',
  version: 1,
  title: 'Conditions',
  subject: 'theme',
  completed_by: ['auditor'],
  scoring: { rule_version: 'v1', overall: { method: 'none' } },
  sections: [
    {
      id: 's',
      title: 'S',
      items: [
        { id: 'seen', kind: 'yes_no', label: 'Seen?', allow_partial: true },
        { id: 'age', kind: 'number', label: 'Age' },
        { id: 'self', kind: 'text', label: 'The question being edited' },
      ],
    },
  ],
};

/** The editor over a condition held in state, as the draft holds it. */
function Harness({ onValue }: { onValue: (condition: Condition | undefined) => void }) {
  const [condition, setCondition] = useState<Condition>();

  return (
    <ConditionEditor
      def={def}
      path="sections[0].items[2].applies_when"
      condition={condition}
      selfId="self"
      subject="this question"
      onChange={(next) => {
        setCondition(next);
        onValue(next);
      }}
    />
  );
}

describe('ConditionEditor', () => {
  it('builds a condition from choices that the engine evaluates', async () => {
    const user = userEvent.setup();
    let value: Condition | undefined;
    render(<Harness onValue={(next) => (value = next)} />);

    await user.click(screen.getByLabelText('Ask this question only in some cases'));
    expect(value).toEqual({ all: [{ item: 'seen', op: 'eq', value: 'yes' }] });
    // The question cannot depend on itself.
    expect(screen.queryByRole('option', { name: 'The question being edited' })).toBeNull();

    await user.selectOptions(screen.getByLabelText('Question'), 'age');
    await user.selectOptions(screen.getByLabelText('Comparison'), 'ge');
    await user.clear(screen.getByLabelText('Number'));
    await user.type(screen.getByLabelText('Number'), '14');
    expect(value).toEqual({ all: [{ item: 'age', op: 'ge', value: 14 }] });

    await user.click(screen.getByRole('button', { name: 'Add another condition' }));
    await user.selectOptions(screen.getByLabelText('Ask it when'), 'any');
    const [, secondComparison] = screen.getAllByLabelText('Comparison');
    await user.selectOptions(secondComparison!, 'in');
    await user.click(screen.getByLabelText('Partial'));
    expect(value).toEqual({
      any: [
        { item: 'age', op: 'ge', value: 14 },
        { item: 'seen', op: 'in', value: ['yes', 'partial'] },
      ],
    });

    const holds = (answers: Record<string, string | number>) =>
      evaluateCondition(def, value!, answers, '2026-01-01');
    expect(holds({ age: 15 })).toBe(true);
    expect(holds({ age: 10, seen: 'partial' })).toBe(true);
    expect(holds({ age: 10, seen: 'no' })).toBe(false);

    await user.click(screen.getByRole('button', { name: /^Remove\s*condition 1$/ }));
    await user.click(screen.getByRole('button', { name: /^Remove\s*condition 1$/ }));
    expect(value).toBeUndefined();
  });
});
