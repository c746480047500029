import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { demoSession, json, mockApi } from '../../../test/fetch';
import { renderApp } from '../../../test/render';
import { changes } from './auditWords';

afterEach(() => {
  vi.unstubAllGlobals();
});

const admin = {
  ...demoSession,
  memberships: [{ ...demoSession.memberships[0]!, roles: ['tenant_admin'] }],
};

const actor = '0b7c1c2e-4d47-4d1a-9a55-000000000001';

const renamed = {
  id: '9a0e0000-0000-4000-8000-000000000001',
  occurred_at: '2026-11-02T10:15:00Z',
  actor_id: actor,
  action: 'update',
  entity: 'organisation',
  entity_id: '9a0e0000-0000-4000-8000-000000000002',
  before: { name: 'Old name', urn: '123456' },
  after: { name: 'New name', urn: '123456' },
  request_id: 'r1',
};

function openTrail() {
  const api = mockApi({
    'GET /auth/me': () => json(200, admin),
    'GET /t/dudley/members': () =>
      json(200, {
        items: [{ person_id: actor, name: 'Dana Lead', email: 'd@example.org', roles: [] }],
        next_cursor: null,
      }),
    'GET /t/dudley/audit-log': () => json(200, { items: [renamed], next_cursor: null }),
  });
  const view = renderApp('/t/dudley/audit-log');

  return { ...api, ...view };
}

describe('the audit trail', () => {
  it('shows who changed which fields', async () => {
    openTrail();

    const row = (await screen.findByText('Changed: Organisation')).closest('tr')!;
    await waitFor(() => expect(row).toHaveTextContent('Dana Lead'));
    expect(within(row).getByText('name: Old name → New name')).toBeInTheDocument();
    expect(row).not.toHaveTextContent('urn');
  });

  it('sends the chosen filter, with a "to" day that includes the whole day', async () => {
    const { requests, router } = openTrail();
    const user = userEvent.setup();
    await screen.findByText('Changed: Organisation');

    await user.selectOptions(screen.getByLabelText('Kind of record'), 'organisation');
    await user.selectOptions(screen.getByLabelText('Action'), 'update');
    const from = screen.getByRole('group', { name: 'From' });
    await user.type(within(from).getByLabelText('Day'), '1');
    await user.type(within(from).getByLabelText('Month'), '11');
    await user.type(within(from).getByLabelText('Year'), '2026');
    const to = screen.getByRole('group', { name: 'To' });
    await user.type(within(to).getByLabelText('Day'), '30');
    await user.type(within(to).getByLabelText('Month'), '11');
    await user.type(within(to).getByLabelText('Year'), '2026');
    await user.click(screen.getByRole('button', { name: 'Apply filter' }));

    await waitFor(() =>
      expect(router.state.location.search).toBe(
        '?entity=organisation&action=update&from=2026-11-01&to=2026-11-30',
      ),
    );
    await waitFor(() => {
      const query = new URL(requests.at(-1)!.url).searchParams;
      expect(query.get('entity')).toBe('organisation');
      expect(query.get('action')).toBe('update');
      expect(query.get('from')).toBe(new Date(2026, 10, 1).toISOString());
      expect(query.get('to')).toBe(new Date(2026, 11, 1).toISOString());
    });
  });

  it('refuses a date that is not real, or a "to" before "from", without asking the API', async () => {
    const { requests } = openTrail();
    const user = userEvent.setup();
    await screen.findByText('Changed: Organisation');
    const asked = requests.length;

    const from = screen.getByRole('group', { name: 'From' });
    await user.type(within(from).getByLabelText('Day'), '31');
    await user.type(within(from).getByLabelText('Month'), '2');
    await user.type(within(from).getByLabelText('Year'), '2026');
    await user.click(screen.getByRole('button', { name: 'Apply filter' }));

    const summary = screen.getByRole('alert').parentElement!;
    expect(summary).toHaveFocus();
    expect(
      within(summary).getByRole('link', { name: 'Enter a real date for From, like 1 9 2026' }),
    ).toHaveAttribute('href', '#from');
    expect(document.title).toBe('Error: Audit trail – Dudley – sendqa');

    await user.clear(within(from).getByLabelText('Day'));
    await user.type(within(from).getByLabelText('Day'), '10');
    const to = screen.getByRole('group', { name: 'To' });
    await user.type(within(to).getByLabelText('Day'), '1');
    await user.type(within(to).getByLabelText('Month'), '2');
    await user.type(within(to).getByLabelText('Year'), '2026');
    await user.click(screen.getByRole('button', { name: 'Apply filter' }));

    await screen.findByRole('link', { name: 'Enter a To date on or after the From date' });
    expect(requests.length).toBe(asked);
  });
});

describe('the changes of an event', () => {
  it('lists the fields of a created record, and only changed fields of an update', () => {
    expect(changes({}, { name: 'A', urn: '' })).toEqual(['name: A', 'urn: (none)']);
    expect(changes({ name: 'A', n: 1 }, { name: 'B', n: 1 })).toEqual(['name: A → B']);
  });
});
