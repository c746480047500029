import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Role } from '../../../lib/session';
import { demoSession, json, mockApi, problem, type Route } from '../../../test/fetch';
import { renderApp } from '../../../test/render';

afterEach(() => {
  vi.unstubAllGlobals();
});

const id = '6f1d9a4e-0000-4000-8000-000000000021';

const subject = {
  id,
  kind: 'ehcna_case',
  local_id: 'WV900001',
  primary_need: 'ASD',
  setting_urn: '993848',
  setting_name: 'Willow Park Special',
  setting_type: 'Free school',
  ncy: 'R',
  key_stage: 'EYFS',
  issued_on: null,
  amended: null,
  contributing_services: ['Educational Psychology', 'Social Care'],
  has_personal_data: true,
  version: 1,
  created_at: '2026-09-01T09:00:00Z',
  updated_at: '2026-09-01T09:00:00Z',
};

function as(role: Role, routes: Record<string, Route>) {
  const session = {
    ...demoSession,
    memberships: [{ ...demoSession.memberships[0]!, roles: [role] }],
  };

  return mockApi({ 'GET /auth/me': () => json(200, session), ...routes });
}

function summary() {
  return screen.getByRole('alert').parentElement!;
}

describe("a subject's page", () => {
  it("shows a QA lead the child's details only when asked, which the API records", async () => {
    const { requests } = as('qa_lead', {
      [`GET /t/dudley/subjects/${id}`]: (request) =>
        json(
          200,
          new URL(request.url).searchParams.get('include') === 'personal'
            ? {
                ...subject,
                personal: { name: 'Freya Owen', date_of_birth: '2022-11-12', nhs_number: '' },
              }
            : subject,
        ),
    });
    const user = userEvent.setup();
    renderApp(`/t/dudley/subjects/${id}`);

    await screen.findByRole('heading', { level: 1, name: 'WV900001' });
    expect(screen.getByText('Autistic spectrum disorder (ASD)')).toBeInTheDocument();
    expect(screen.getByText('Educational Psychology')).toBeInTheDocument();
    expect(screen.queryByText('Freya Owen')).toBeNull();
    expect(requests.some((r) => r.url.includes('include=personal'))).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Show the child’s details' }));

    await screen.findByText('Freya Owen');
    expect(screen.getByText('2022-11-12')).toBeInTheDocument();
    expect(requests.filter((r) => r.url.includes('include=personal'))).toHaveLength(1);
    expect(
      screen.getByRole('link', { name: 'Download everything sendqa holds about WV900001' }),
    ).toHaveAttribute('href', `/api/v1/t/dudley/subjects/${id}/access-export`);
  });

  it('tells an administrator the details are kept but not for their role', async () => {
    as('tenant_admin', { [`GET /t/dudley/subjects/${id}`]: () => json(200, subject) });
    renderApp(`/t/dudley/subjects/${id}`);

    await screen.findByText(/your role may not see them/);
    expect(screen.queryByRole('button', { name: /Show the child/ })).toBeNull();
    expect(screen.getByRole('link', { name: /Download everything/ })).toBeInTheDocument();
  });

  it('offers neither the details nor the export to a role without the right', async () => {
    as('viewer', { [`GET /t/dudley/subjects/${id}`]: () => json(200, subject) });
    renderApp(`/t/dudley/subjects/${id}`);

    await screen.findByRole('heading', { level: 1, name: 'WV900001' });
    expect(screen.queryByRole('button', { name: /Show the child/ })).toBeNull();
    expect(screen.queryByRole('link', { name: /Download everything/ })).toBeNull();
  });
});

describe('the retention period', () => {
  const rule = { retention_days: 1095, version: 0 };

  it('names what is wrong with the period typed, without calling the API', async () => {
    const { requests } = as('tenant_admin', {
      'GET /t/dudley/personal-data/retention': () => json(200, rule),
    });
    const user = userEvent.setup();
    renderApp('/t/dudley/personal-data');

    const field = await screen.findByLabelText('Keep personal data for');
    expect(screen.getByText(/1095 days \(about 3 years\), the default/)).toBeInTheDocument();
    await user.clear(field);
    await user.type(field, 'ten');
    await user.click(screen.getByRole('button', { name: 'Save the period' }));

    expect(summary()).toHaveFocus();
    expect(
      within(summary()).getByRole('link', {
        name: 'Enter the period as a whole number of days, like 1095',
      }),
    ).toHaveAttribute('href', '#retention_days');
    await waitFor(() => expect(document.title).toBe('Error: Children’s personal data – sendqa'));

    await user.clear(field);
    await user.type(field, '20');
    await user.click(screen.getByRole('button', { name: 'Save the period' }));
    expect(field).toHaveAccessibleDescription(
      expect.stringContaining('Error: Enter a number of days from 30 to 5000'),
    );
    expect(requests.filter((r) => r.method === 'PUT')).toHaveLength(0);
  });

  it('saves the period at the version shown and says so', async () => {
    const { requests } = as('tenant_admin', {
      'GET /t/dudley/personal-data/retention': () => json(200, rule),
      'PUT /t/dudley/personal-data/retention': () => json(200, { retention_days: 365, version: 1 }),
    });
    const user = userEvent.setup();
    renderApp('/t/dudley/personal-data');

    const field = await screen.findByLabelText('Keep personal data for');
    await user.clear(field);
    await user.type(field, '365');
    await user.click(screen.getByRole('button', { name: 'Save the period' }));

    await screen.findByText('Personal data is now kept for 365 days (about 1 year).');
    const put = requests.find((r) => r.method === 'PUT')!;
    expect(put.headers.get('If-Match')).toBe('"0"');
    expect(await put.json()).toEqual({ retention_days: 365 });
  });

  it('asks to check again when someone else changed the period first', async () => {
    let version = 0;
    as('tenant_admin', {
      'GET /t/dudley/personal-data/retention': () => json(200, { ...rule, version }),
      'PUT /t/dudley/personal-data/retention': () => {
        version = 2;

        return problem(412, 'Precondition failed');
      },
    });
    const user = userEvent.setup();
    renderApp('/t/dudley/personal-data');

    await screen.findByLabelText('Keep personal data for');
    await user.click(screen.getByRole('button', { name: 'Save the period' }));

    await screen.findByRole('link', { name: /Someone else changed the period/ });
  });

  it('removes the data past its period after asking, and says what went', async () => {
    const { requests } = as('tenant_admin', {
      'GET /t/dudley/personal-data/retention': () => json(200, rule),
      'POST /t/dudley/personal-data/purge': () => json(200, { subjects: 3, trail_events: 7 }),
    });
    const user = userEvent.setup();
    const { router } = renderApp('/t/dudley/personal-data');

    await user.click(
      await screen.findByRole('button', { name: 'Remove personal data past its period' }),
    );
    await screen.findByRole('heading', { name: /Are you sure/ });
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Yes, remove it' }));

    await screen.findByText(
      'The personal data of 3 children has been removed, with 7 audit trail entries.',
    );
    expect(router.state.location.pathname).toBe('/t/dudley/personal-data');
    expect(requests.find((r) => r.method === 'POST')?.headers.get('X-Requested-With')).toBe(
      'sendqa',
    );
  });
});

describe('a subject access request', () => {
  it('asks for a local id, says when none matches, and links the download', async () => {
    const { requests } = as('tenant_admin', {
      'GET /t/dudley/subjects': (request) =>
        json(200, {
          items: new URL(request.url).searchParams.get('q') === 'WV9' ? [subject] : [],
          next_cursor: null,
        }),
    });
    const user = userEvent.setup();
    renderApp('/t/dudley/personal-data/access-request');

    const field = await screen.findByLabelText('Child’s local id');
    await user.click(screen.getByRole('button', { name: 'Find the record' }));
    expect(summary()).toHaveFocus();
    expect(field).toHaveAccessibleDescription(
      expect.stringContaining('Error: Enter the child’s local id'),
    );
    expect(requests.filter((r) => r.url.includes('/subjects'))).toHaveLength(0);

    await user.type(field, 'XX1');
    await user.click(screen.getByRole('button', { name: 'Find the record' }));
    await screen.findByRole('link', { name: 'No record has a local id starting with XX1' });
    expect(field).toHaveAccessibleDescription(
      expect.stringContaining('No record has a local id starting with XX1'),
    );

    await user.clear(field);
    await user.type(field, 'WV9');
    await user.click(screen.getByRole('button', { name: 'Find the record' }));
    const download = await screen.findByRole('link', {
      name: 'Download the record of WV900001',
    });
    expect(download).toHaveAttribute('href', `/api/v1/t/dudley/subjects/${id}/access-export`);
    expect(download).toHaveAttribute('download');
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
