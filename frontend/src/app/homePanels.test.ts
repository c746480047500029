import { matchRoutes } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { routes } from './router';
import { roleGuides } from '../features/home/components/roleGuide';

describe('the home page panels', () => {
  const linked = Object.entries(roleGuides).flatMap(([role, guide]) =>
    guide.coming.flatMap((panel) =>
      panel.href ? [{ role, title: panel.title, path: panel.href('dudley') }] : [],
    ),
  );

  it('link some pages', () => {
    expect(linked.length).toBeGreaterThan(0);
  });

  it.each(linked)('$role: "$title" links to a page that exists ($path)', ({ path }) => {
    const matched = matchRoutes(routes, path) ?? [];
    const page = matched.at(-1)?.route;

    // Every unknown path matches the catch-all, which answers "not found".
    expect(page?.path).not.toBe('*');
    expect(page?.lazy ?? page?.element ?? page?.Component).toBeTruthy();
  });
});
