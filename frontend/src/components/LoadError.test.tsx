import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { LoadError } from './LoadError';

describe('LoadError', () => {
  it('takes focus when the failure shows, and not again for the same failure', () => {
    const { rerender } = render(<LoadError message="Timed out" description="Try again." />);
    const summary = screen.getByRole('alert').parentElement!;
    expect(summary).toHaveFocus();
    expect(summary).toHaveTextContent('Timed out');

    const filter = document.createElement('input');
    document.body.append(filter);
    filter.focus();
    rerender(<LoadError message="Timed out" description="Try again." />);
    expect(filter).toHaveFocus();

    rerender(<LoadError message="Service unavailable" description="Try again." />);
    expect(summary).toHaveFocus();
    filter.remove();
  });
});
