import { act, renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { useFormErrors } from './forms';
import { ApiError, networkProblem } from './problem';
import { showSaveFailure } from './saveFailure';

const options = (reload: () => Promise<unknown>) => ({
  field: 'name',
  staleMessage: 'Someone else changed this: check it and save again',
  reload,
});

describe('showSaveFailure', () => {
  it('reads the record again and says so at the field when another change came first', async () => {
    const { result } = renderHook(() => useFormErrors());
    const reload = vi.fn(() => Promise.resolve());
    const stale = new ApiError({ type: 'about:blank', title: 'Precondition failed', status: 412 });
    await act(() => showSaveFailure(stale, result.current, options(reload)));
    expect(reload).toHaveBeenCalledOnce();
    expect(result.current.summary).toEqual([
      { text: 'Someone else changed this: check it and save again', href: '#name' },
    ]);
  });

  it('shows any other problem as the API gave it, without reading again', async () => {
    const { result } = renderHook(() => useFormErrors());
    const reload = vi.fn(() => Promise.resolve());
    const invalid = new ApiError({
      type: 'about:blank',
      title: 'Invalid',
      status: 422,
      errors: [{ field: 'urn', message: 'Enter a URN of six or seven digits' }],
    });
    await act(() => showSaveFailure(invalid, result.current, options(reload)));
    expect(reload).not.toHaveBeenCalled();
    expect(result.current.messageFor('urn')).toEqual({
      text: 'Enter a URN of six or seven digits',
    });

    await act(() => showSaveFailure(new TypeError('offline'), result.current, options(reload)));
    expect(result.current.messageFor('name')).toEqual({
      text: networkProblem.detail ?? networkProblem.title,
    });
  });
});
