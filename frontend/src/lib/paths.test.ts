import { describe, expect, it } from 'vitest';
import { signInPath } from './paths';

describe('signInPath', () => {
  it('comes back to the page the person was on, with the reason', () => {
    expect(signInPath('/t/dudley/rounds?status=open', 'timeout')).toBe(
      '/sign-in?next=%2Ft%2Fdudley%2Frounds%3Fstatus%3Dopen&reason=timeout',
    );
    expect(signInPath('/')).toBe('/sign-in');
    expect(signInPath()).toBe('/sign-in');
  });

  it('never comes back to the sign-in page itself, keeping where that would return to', () => {
    const first = signInPath('/t/dudley', 'timeout');

    expect(signInPath(first, 'timeout')).toBe(first);
    expect(signInPath(first)).toBe('/sign-in?next=%2Ft%2Fdudley');
    expect(signInPath('/sign-in?reason=timeout')).toBe('/sign-in');
  });
});
