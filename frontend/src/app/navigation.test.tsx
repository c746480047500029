import { screen, within } from '@testing-library/react';
import { matchRoutes } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { roleGuides } from '../features/home/components/roleGuide';
import { may } from '../lib/permissions';
import { roles, type Role, type Session } from '../lib/session';
import { demoSession, json, mockApi } from '../test/fetch';
import { renderApp } from '../test/render';
import { areaPages, navigationFor } from './navigation';
import { routes } from './router';

afterEach(() => {
  vi.unstubAllGlobals();
});

function sessionWith(roleList: Role[], extra: Partial<Session['person']> = {}): Session {
  return {
    person: { ...demoSession.person, ...extra },
    memberships: [{ tenant: 'dudley', tenant_name: 'Dudley', region: 'bc', roles: roleList }],
  };
}

function menu(roleList: Role[], pathname = '/t/dudley') {
  const session = sessionWith(roleList);

  return navigationFor(session, session.memberships[0], pathname);
}

const texts = (items: { text?: string }[]) => items.map((item) => item.text);

/** The page a path opens, or undefined for the catch-all "not found". */
function pageAt(path: string) {
  const page = (matchRoutes(routes, path) ?? []).at(-1)?.route;

  return page?.path === '*' ? undefined : page;
}

describe('the menu', () => {
  it.each<[Role, string[]]>([
    ['tenant_admin', ['Instruments', 'Subjects', 'Rounds', 'Members']],
    ['qa_lead', ['Instruments', 'Subjects', 'Rounds']],
    ['auditor', ['Instruments']],
    ['service_manager', ['Instruments']],
    ['participation_officer', ['Instruments']],
    ['viewer', ['Instruments']],
    ['provider', []],
    ['young_person', []],
  ])('offers %s the pages its policy allows', (role, pages) => {
    expect(texts(menu([role]))).toEqual(['Home', ...pages, 'Your account', 'Sign out']);
  });

  it('offers several roles the pages of each, once', () => {
    expect(texts(menu(['auditor', 'tenant_admin', 'qa_lead']))).toEqual([
      'Home',
      'Instruments',
      'Subjects',
      'Rounds',
      'Members',
      'Your account',
      'Sign out',
    ]);
  });

  it('adds the platform pages and a change of area when they apply', () => {
    const session = sessionWith(['viewer'], { platform_admin: true });
    session.memberships.push({ ...session.memberships[0]!, tenant: 'walsall' });

    expect(texts(navigationFor(session, session.memberships[0], '/'))).toEqual([
      'Home',
      'Instruments',
      'Local areas',
      'Regions',
      'Change local area',
      'Your account',
      'Sign out',
    ]);
    expect(navigationFor(undefined, undefined, '/')).toEqual([]);
  });

  it('marks the page shown as current and its section as active', () => {
    const at = (pathname: string) =>
      menu(['qa_lead'], pathname)
        .filter((item) => item.current || item.active)
        .map((item) => `${item.text}:${item.current ? 'current' : 'active'}`);

    expect(at('/t/dudley')).toEqual(['Home:current']);
    expect(at('/t/dudley/rounds')).toEqual(['Rounds:current']);
    expect(at('/t/dudley/rounds/123')).toEqual(['Rounds:active']);
    expect(at('/t/dudley/rounds/123/allocations/9/move')).toEqual(['Rounds:active']);
    expect(at('/t/dudley/subjects/import/')).toEqual(['Subjects:active']);
    expect(at('/t/dudley/instruments/eps/versions/1/preview')).toEqual(['Instruments:active']);
    expect(at('/t/dudley/audit-log')).toEqual([]);
    expect(at('/account/password')).toEqual(['Your account:active']);
  });

  it.each(roles)('leads %s only to pages that exist and that it may open', (role) => {
    for (const item of menu([role]).filter((link) => link.href?.startsWith('/t/dudley/'))) {
      expect(pageAt(item.href!), item.href).toBeTruthy();
      const page = areaPages.find((p) => p.href('dudley') === item.href);
      expect(page && may([role], page.permission), item.href).toBe(true);
    }
  });
});

describe('the home page panels', () => {
  it.each(roles)('link %s only to pages its policy allows', (role) => {
    for (const panel of roleGuides[role].coming.filter((p) => p.href)) {
      const href = panel.href!('dudley');
      const page = areaPages.find((p) => p.href('dudley') === href);

      expect(page, `${panel.title} (${href}) is an area page`).toBeTruthy();
      expect(may([role], page!.permission), `${role} may open ${href}`).toBe(true);
    }
  });

  it('link every area page from the home page of some role that may open it', () => {
    const linked = new Set(
      roles.flatMap((role) =>
        roleGuides[role].coming.flatMap((panel) => (panel.href ? [panel.href('dudley')] : [])),
      ),
    );

    expect(areaPages.map((page) => page.href('dudley')).filter((h) => !linked.has(h))).toEqual([]);
  });
});

describe('the frame', () => {
  it("marks the section of a round's page in the menu", async () => {
    mockApi({
      'GET /auth/me': () =>
        json(200, {
          ...demoSession,
          memberships: [{ ...demoSession.memberships[0]!, roles: ['qa_lead'] }],
        }),
    });
    renderApp('/t/dudley/rounds/0b7c1c2e-4d47-4d1a-9a55-000000000009');

    const nav = await screen.findByRole('navigation', { name: 'Menu', hidden: true });
    const rounds = within(nav).getByRole('link', { name: 'Rounds', hidden: true });
    expect(rounds).toHaveAttribute('aria-current', 'true');
    expect(within(nav).getByRole('link', { name: 'Home', hidden: true })).not.toHaveAttribute(
      'aria-current',
    );
    expect(within(nav).queryByRole('link', { name: 'Members', hidden: true })).toBeNull();
  });
});
