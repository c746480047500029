import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { demoSession, json, mockApi, problem } from '../test/fetch';
import { renderApp } from '../test/render';

afterEach(() => {
  vi.unstubAllGlobals();
});

const icbSession = {
  person: {
    id: '0b7c1c2e-4d47-4d1a-9a55-000000000002',
    email: 'icb.auditor@blackcountry.example.org',
    name: 'Ike Auditor',
  },
  memberships: ['wolverhampton', 'dudley', 'sandwell', 'walsall'].map((tenant) => ({
    tenant,
    tenant_name: tenant.charAt(0).toUpperCase() + tenant.slice(1),
    region: 'black-country',
    roles: ['auditor'],
  })),
};

describe('the app frame', () => {
  it('sends someone not signed in to sign in, and back afterwards', async () => {
    mockApi({
      'GET /auth/me': () => problem(401, 'Not signed in'),
      'POST /auth/refresh': () => problem(401, 'Not signed in'),
    });
    const { router } = renderApp('/t/dudley');

    await screen.findByRole('heading', { name: 'Sign in to sendqa' });
    expect(router.state.location.pathname).toBe('/sign-in');
    expect(router.state.location.search).toBe('?next=%2Ft%2Fdudley');
  });

  it('asks someone in several areas to choose one, then shows it', async () => {
    mockApi({ 'GET /auth/me': () => json(200, icbSession) });
    const user = userEvent.setup();
    const { router } = renderApp('/');

    await screen.findByRole('group', { name: 'Which local area do you want to work in?' });
    await waitFor(() => expect(document.title).toBe('Choose a local area – sendqa'));

    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(
      screen.getByRole('link', { name: 'Select the local area you want to work in' }),
    ).toHaveAttribute('href', '#tenant');

    await user.click(screen.getByLabelText('Sandwell'));
    await user.click(screen.getByRole('button', { name: 'Continue' }));

    await screen.findByRole('heading', { name: 'As an auditor' });
    expect(router.state.location.pathname).toBe('/t/sandwell');
  });

  it('answers "not found" for an area the person is not in', async () => {
    mockApi({ 'GET /auth/me': () => json(200, demoSession) });
    renderApp('/t/walsall');

    await screen.findByRole('heading', { name: 'Page not found' });
  });

  it('shows the home page panels for each role, linking only pages that exist', async () => {
    mockApi({ 'GET /auth/me': () => json(200, demoSession) });
    renderApp('/t/dudley');

    const section = await screen.findByRole('region', { name: 'As a quality assurance lead' });
    expect(section).toHaveTextContent('Moderation');
    // Panels for what is coming describe it; only a page that exists is linked.
    const links = [...section.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(links).toEqual([
      '/t/dudley/subjects',
      '/t/dudley/rounds',
      '/t/dudley/providers',
      '/t/dudley/instruments',
      '/t/dudley/organisations',
      '/t/dudley/audit-log',
      '/t/dudley/moderation',
      '/t/dudley/sir',
      '/t/dudley/triangulation',
      '/t/dudley/reports',
      '/t/dudley/actions',
      '/t/dudley/schedule',
      '/t/dudley/dashboards/programme',
      '/t/dudley/benchmarks',
    ]);
    // The menu starts collapsed on a narrow screen, as all of jsdom is.
    expect(screen.getByRole('link', { name: 'Home', hidden: true })).toHaveAttribute(
      'aria-current',
      'page',
    );
    await waitFor(() => expect(document.title).toBe('Home – Dudley – sendqa'));
  });

  it('signs out with the CSRF header and clears the session', async () => {
    const { requests } = mockApi({
      'GET /auth/me': () => json(200, demoSession),
      'POST /auth/logout': () => json(204, null),
    });
    renderApp('/sign-out');

    await screen.findByRole('heading', { name: 'You have signed out' });
    const logout = requests.find((r) => r.url.endsWith('/auth/logout'))!;
    expect(logout.method).toBe('POST');
    expect(logout.headers.get('X-Requested-With')).toBe('sendqa');
  });

  it('links the footer to the accessibility statement, privacy notice and cookies', async () => {
    const user = userEvent.setup();
    renderApp('/accessibility');

    await screen.findByRole('heading', { name: 'Accessibility statement for sendqa' });
    await waitFor(() => expect(document.title).toBe('Accessibility statement – sendqa'));
    const footer = screen.getByRole('contentinfo');
    await user.click(within(footer).getByRole('link', { name: 'Cookies' }));

    await screen.findByRole('heading', { name: 'Cookies', level: 1 });
    await waitFor(() => expect(screen.getByRole('main')).toHaveFocus());
  });

  it('shows a page not found for an unknown path', async () => {
    renderApp('/no-such-page');

    await screen.findByRole('heading', { name: 'Page not found' });
    await waitFor(() => expect(document.title).toBe('Page not found – sendqa'));
  });
});
