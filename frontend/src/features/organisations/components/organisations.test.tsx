import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { demoSession, json, mockApi, problem, type Route } from '../../../test/fetch';
import { renderApp } from '../../../test/render';

afterEach(() => {
  vi.unstubAllGlobals();
});

const admin = {
  ...demoSession,
  memberships: [{ ...demoSession.memberships[0]!, roles: ['tenant_admin'] }],
};

const school = {
  id: '6f1d9a4e-0000-4000-8000-000000000010',
  kind: 'school',
  name: 'Oak Hill Academy',
  parent_id: null,
  urn: '123456',
  phase: 'Secondary',
  setting_type: 'Academy',
  sir_url: '',
  contact_email: '',
  archived: false,
  version: 3,
  created_at: '2026-09-01T09:00:00Z',
  updated_at: '2026-09-01T09:00:00Z',
};

function withAdmin(routes: Record<string, Route>) {
  return mockApi({ 'GET /auth/me': () => json(200, admin), ...routes });
}

function summary() {
  return screen.getByRole('alert').parentElement!;
}

describe('the organisations pages', () => {
  it('lists organisations and sends the filter to the API', async () => {
    const { requests } = withAdmin({
      'GET /t/dudley/organisations': () => json(200, { items: [school], next_cursor: 'abc' }),
    });
    const user = userEvent.setup();
    const { router } = renderApp('/t/dudley/organisations');

    await screen.findByRole('cell', { name: 'Oak Hill Academy' });
    expect(screen.getByRole('link', { name: 'Change Oak Hill Academy' })).toHaveAttribute(
      'href',
      `/t/dudley/organisations/${school.id}`,
    );
    expect(screen.getByRole('link', { name: /Next page/ })).toHaveAttribute(
      'href',
      '/t/dudley/organisations?cursor=abc',
    );

    await user.type(screen.getByLabelText('Name contains'), 'oak');
    await user.selectOptions(screen.getByLabelText('Kind'), 'school');
    await user.click(screen.getByRole('button', { name: 'Apply filter' }));

    await waitFor(() => expect(router.state.location.search).toBe('?q=oak&kind=school'));
    await waitFor(() => {
      const last = new URL(requests.at(-1)!.url);
      expect(last.searchParams.get('q')).toBe('oak');
      expect(last.searchParams.get('kind')).toBe('school');
      expect(last.searchParams.get('archived')).toBe('false');
    });
  });

  it('shows what is missing when adding, without calling the API', async () => {
    const { requests } = withAdmin({});
    const user = userEvent.setup();
    renderApp('/t/dudley/organisations/new');

    await screen.findByRole('heading', { name: 'Add an organisation' });
    await user.type(screen.getByLabelText('Unique reference number (URN)'), '12');
    await user.click(screen.getByRole('button', { name: 'Add organisation' }));

    expect(summary()).toHaveFocus();
    const links = within(summary()).getAllByRole('link');
    expect(links.map((link) => link.getAttribute('href'))).toEqual(['#kind', '#name', '#urn']);
    expect(screen.getByLabelText('Unique reference number (URN)')).toHaveAccessibleDescription(
      expect.stringContaining('Error: Enter a unique reference number of 6 or 7 digits'),
    );
    expect(document.title).toBe('Error: Add an organisation – Dudley – sendqa');
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it("shows the API's field errors inline and in the summary", async () => {
    withAdmin({
      'POST /t/dudley/organisations': () =>
        problem(422, 'Invalid input', {
          errors: [{ field: 'contact_email', message: 'enter an email address' }],
        }),
    });
    const user = userEvent.setup();
    renderApp('/t/dudley/organisations/new');

    await screen.findByRole('heading', { name: 'Add an organisation' });
    await user.click(screen.getByLabelText('Service'));
    await user.type(screen.getByLabelText('Name'), 'Speech and Language Therapy');
    await user.click(screen.getByRole('button', { name: 'Add organisation' }));

    await waitFor(() => expect(summary()).toHaveFocus());
    expect(within(summary()).getByRole('link', { name: 'enter an email address' })).toHaveAttribute(
      'href',
      '#contact_email',
    );
    expect(screen.getByLabelText('Contact email address')).toHaveAccessibleDescription(
      'Error: enter an email address',
    );
  });

  it('adds an organisation and says so on the list', async () => {
    const { requests } = withAdmin({
      'POST /t/dudley/organisations': () => json(201, { ...school, kind: 'service' }),
      'GET /t/dudley/organisations': () => json(200, { items: [school], next_cursor: null }),
    });
    const user = userEvent.setup();
    const { router } = renderApp('/t/dudley/organisations/new');

    await screen.findByRole('heading', { name: 'Add an organisation' });
    await user.click(screen.getByLabelText('Service'));
    await user.type(screen.getByLabelText('Name'), '  Speech and Language Therapy ');
    await user.click(screen.getByRole('button', { name: 'Add organisation' }));

    await screen.findByText('Speech and Language Therapy has been added.');
    expect(router.state.location.pathname).toBe('/t/dudley/organisations');
    const post = requests.find((r) => r.method === 'POST')!;
    expect(post.headers.get('X-Requested-With')).toBe('sendqa');
    expect(await post.json()).toMatchObject({
      kind: 'service',
      name: 'Speech and Language Therapy',
    });
  });

  it('asks again with the saved version when someone else changed it first', async () => {
    let version = 3;
    const { requests } = withAdmin({
      [`GET /t/dudley/organisations/${school.id}`]: () => json(200, { ...school, version }),
      [`PATCH /t/dudley/organisations/${school.id}`]: () => {
        version = 4;

        return problem(412, 'Precondition failed');
      },
    });
    const user = userEvent.setup();
    renderApp(`/t/dudley/organisations/${school.id}`);

    await screen.findByRole('heading', { name: 'Change Oak Hill Academy' });
    await user.click(screen.getByLabelText('It is no longer in use'));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    await screen.findByRole('link', { name: /Someone else changed this organisation/ });
    const patch = requests.find((r) => r.method === 'PATCH')!;
    expect(patch.headers.get('If-Match')).toBe('"3"');
    expect(await patch.json()).toMatchObject({ archived: true, name: 'Oak Hill Academy' });
    // The form shows the saved version again, not the change that failed.
    await waitFor(() => expect(screen.getByLabelText('It is no longer in use')).not.toBeChecked());
  });
});
