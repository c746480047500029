import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Link, LinkProvider, type LinkProps } from '.';

function RouterMark({ children, ...props }: LinkProps) {
  return (
    <a {...props} data-router="yes">
      {children}
    </a>
  );
}

function renderLinks() {
  render(
    <LinkProvider value={RouterMark}>
      <Link href="/t/dudley/rounds">Rounds</Link>
      <Link href="/api/v1/t/dudley/subjects/export">Export</Link>
      <Link href="/t/dudley/report.csv" download>
        Report
      </Link>
      <Link href="//example.org/">Elsewhere</Link>
    </LinkProvider>,
  );
}

describe('Link', () => {
  it("gives the SPA's own paths to the router, and downloads to the browser", () => {
    renderLinks();
    const routed = (name: string) =>
      screen.getByRole('link', { name }).getAttribute('data-router') === 'yes';

    expect(routed('Rounds')).toBe(true);
    expect(routed('Export')).toBe(false);
    expect(routed('Report')).toBe(false);
    expect(routed('Elsewhere')).toBe(false);
  });
});
