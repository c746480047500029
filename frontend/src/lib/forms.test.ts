import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fieldId, useFormErrors } from './forms';
import { safeNextPath } from './session';

describe('fieldId', () => {
  it.each([
    ['email', 'email'],
    ['tenant_name', 'tenant_name'],
    ['sections[2].label', 'sections-2-label'],
    ['sections[2].items[0].label', 'sections-2-items-0-label'],
    ['items[10]', 'items-10'],
    ['answers.q1.value', 'answers-q1-value'],
  ])('turns %s into %s', (path, id) => {
    expect(fieldId(path)).toBe(id);
  });
});

describe('useFormErrors', () => {
  it('maps a problem with field errors to summary links and inline messages', () => {
    const { result } = renderHook(() => useFormErrors());

    act(() =>
      result.current.showProblem({
        type: 'about:blank',
        title: 'Invalid',
        status: 422,
        errors: [{ field: 'sections[2].label', message: 'Enter a label' }],
      }),
    );

    expect(result.current.summary).toEqual([{ text: 'Enter a label', href: '#sections-2-label' }]);
    expect(result.current.messageFor('sections[2].label')).toEqual({ text: 'Enter a label' });
    expect(result.current.messageFor('email')).toBeUndefined();
  });

  it('shows the detail of a problem without field errors against the fallback field', () => {
    const { result } = renderHook(() => useFormErrors());

    act(() =>
      result.current.showProblem(
        { type: 'about:blank', title: 'Too many requests', status: 429, detail: 'Wait a minute' },
        'email',
      ),
    );

    expect(result.current.summary).toEqual([{ text: 'Wait a minute', href: '#email' }]);
  });

  it('gives a new summary list on each failed submit, so focus moves again', () => {
    const { result } = renderHook(() => useFormErrors());
    const errors = [{ field: 'email', message: 'Enter your email address' }];

    act(() => result.current.show(errors));
    const first = result.current.summary;
    act(() => result.current.show(errors));

    expect(result.current.summary).not.toBe(first);
  });
});

describe('safeNextPath', () => {
  it.each([
    ['/t/dudley', '/t/dudley'],
    ['/t/dudley?tab=2', '/t/dudley?tab=2'],
    ['//evil.example', null],
    ['/\\evil.example', null],
    ['https://evil.example/', null],
    ['/sign-in?next=/x', null],
    ['', null],
    [null, null],
  ])('keeps only paths inside sendqa: %s', (next, want) => {
    expect(safeNextPath(next)).toBe(want);
  });
});
