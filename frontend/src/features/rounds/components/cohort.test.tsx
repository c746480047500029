import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { demoSession, json, mockApi, problem, type Route } from '../../../test/fetch';
import { renderApp } from '../../../test/render';

afterEach(() => {
  vi.unstubAllGlobals();
});

const roundId = '6f1d9a4e-0000-4000-8000-000000000031';
const ash = '6f1d9a4e-0000-4000-8000-000000000041';
const bo = '6f1d9a4e-0000-4000-8000-000000000042';

const load = (personId: string, name: string, services: string[], allocated: number) => ({
  person_id: personId,
  name,
  services,
  allocated,
  submitted: 0,
  left: false,
});

const round = {
  id: roundId,
  name: 'Autumn 2026 EHC plan audit',
  instrument_key: 'ehcp_quality_audit',
  instrument_version: 1,
  subject_kind: 'ehc_plan',
  term: 'autumn',
  academic_year: 2026,
  opens_on: '2026-10-01',
  due_on: '2026-10-30',
  sampling_method: 'random',
  strata_by: '',
  sample_size: 4,
  per_auditor: 2,
  seed: 42,
  strata: [],
  state: 'allocated',
  drawn_at: '2026-09-20T09:00:00Z',
  allocated_at: '2026-09-20T09:00:00Z',
  progress: {
    sampled: 4,
    unallocated: 0,
    allocated: 4,
    in_progress: 0,
    submitted: 0,
    by_auditor: [
      load(ash, 'Ash Patel', ['Social Care'], 2),
      load(bo, 'Bo Chen', ['Educational Psychology'], 2),
    ],
  },
  version: 3,
  created_at: '2026-09-01T09:00:00Z',
  updated_at: '2026-09-20T09:00:00Z',
};

function asLead(routes: Record<string, Route>) {
  const session = {
    ...demoSession,
    memberships: [{ ...demoSession.memberships[0]!, roles: ['qa_lead'] }],
  };

  return mockApi({
    'GET /auth/me': () => json(200, session),
    [`GET /t/dudley/rounds/${roundId}`]: () => json(200, round),
    [`GET /t/dudley/rounds/${roundId}/allocations`]: () => json(200, { items: [] }),
    ...routes,
  });
}

function summary() {
  return screen.getByRole('alert').parentElement!;
}

describe("reassigning a leaver's audits", () => {
  it('asks who left and why before calling the API', async () => {
    const { requests } = asLead({});
    const user = userEvent.setup();
    renderApp(`/t/dudley/rounds/${roundId}`);

    await user.click(await screen.findByRole('link', { name: 'Reassign a leaver’s audits' }));
    await screen.findByRole('heading', { name: 'Reassign a leaver’s audits' });
    expect(screen.getByLabelText('Ash Patel')).toHaveAccessibleDescription(
      '2 audits to hand on · Social Care',
    );
    await user.click(screen.getByRole('button', { name: 'Reassign their audits' }));

    expect(summary()).toHaveFocus();
    expect(
      within(summary())
        .getAllByRole('link')
        .map((link) => link.getAttribute('href')),
    ).toEqual(['#auditor_id', '#reason']);
    await waitFor(() => expect(document.title).toBe('Error: Reassign a leaver’s audits – sendqa'));
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it("shows the API's refusal beside the field it names", async () => {
    asLead({
      [`POST /t/dudley/rounds/${roundId}/allocations/reassign`]: () =>
        problem(422, 'Invalid input', {
          errors: [
            { field: 'reason', message: 'say why the audits move, in up to 500 characters' },
          ],
        }),
    });
    const user = userEvent.setup();
    renderApp(`/t/dudley/rounds/${roundId}/reassign`);

    await user.click(await screen.findByLabelText('Bo Chen'));
    await user.type(screen.getByLabelText('Why their audits move'), 'Left');
    await user.click(screen.getByRole('button', { name: 'Reassign their audits' }));

    await waitFor(() => expect(summary()).toHaveFocus());
    expect(screen.getByLabelText('Why their audits move')).toHaveAccessibleDescription(
      expect.stringContaining('Error: say why the audits move, in up to 500 characters'),
    );
  });

  it('hands the audits on and says what happened on the round', async () => {
    const { requests } = asLead({
      [`POST /t/dudley/rounds/${roundId}/allocations/reassign`]: () =>
        json(200, { moved: 1, unallocated: 1 }),
    });
    const user = userEvent.setup();
    const { router } = renderApp(`/t/dudley/rounds/${roundId}/reassign`);

    await user.click(await screen.findByLabelText('Bo Chen'));
    await user.type(screen.getByLabelText('Why their audits move'), '  Left the council ');
    await user.click(screen.getByRole('button', { name: 'Reassign their audits' }));

    await screen.findByText(
      '1 audit of Bo Chen moved to the rest of the cohort; 1 could not be given to anyone without a conflict and wait to be allocated.',
    );
    expect(router.state.location.pathname).toBe(`/t/dudley/rounds/${roundId}`);
    const post = requests.find((r) => r.method === 'POST')!;
    expect(await post.json()).toEqual({ auditor_id: bo, reason: 'Left the council' });
  });
});

describe("an auditor's services", () => {
  const auditor = {
    person_id: ash,
    name: 'Ash Patel',
    email: 'ash@dudley.example.org',
    services: ['Social Care', 'Youth Offending'],
    version: 2,
  };
  const service = (name: string) => ({ name, kind: 'service', id: name, version: 1 });

  function withAuditor(put: Route) {
    return asLead({
      'GET /t/dudley/auditors': () => json(200, { items: [auditor], next_cursor: null }),
      'GET /t/dudley/organisations': () =>
        json(200, {
          items: [service('Educational Psychology'), service('Social Care')],
          next_cursor: null,
        }),
      [`PUT /t/dudley/auditors/${ash}/services`]: put,
    });
  }

  it('lists the auditors and offers the area’s services with theirs ticked', async () => {
    withAuditor(() => problem(500, 'Unexpected'));
    const user = userEvent.setup();
    renderApp('/t/dudley/rounds/auditors');

    await screen.findByRole('cell', { name: 'Social Care; Youth Offending' });
    await user.click(screen.getByRole('link', { name: /^Change/ }));

    await screen.findByRole('heading', { name: 'Services of Ash Patel' });
    expect(screen.getByLabelText('Educational Psychology')).not.toBeChecked();
    expect(screen.getByLabelText('Social Care')).toBeChecked();
    // A service the area does not list stays offered, so it is not lost.
    expect(screen.getByLabelText('Youth Offending')).toBeChecked();
  });

  it('saves the services at the version shown', async () => {
    const { requests } = withAuditor(() =>
      json(200, { ...auditor, services: ['Educational Psychology', 'Portage'], version: 3 }),
    );
    const user = userEvent.setup();
    const { router } = renderApp(`/t/dudley/rounds/auditors/${ash}`);

    await user.click(await screen.findByLabelText('Educational Psychology'));
    await user.click(screen.getByLabelText('Social Care'));
    await user.click(screen.getByLabelText('Youth Offending'));
    await user.type(screen.getByLabelText('Another service (optional)'), 'Portage');
    await user.click(screen.getByRole('button', { name: 'Save their services' }));

    await screen.findByText('Ash Patel: Educational Psychology; Portage recorded.');
    expect(router.state.location.pathname).toBe('/t/dudley/rounds/auditors');
    const put = requests.find((r) => r.method === 'PUT')!;
    expect(put.headers.get('If-Match')).toBe('"2"');
    expect(await put.json()).toEqual({ services: ['Educational Psychology', 'Portage'] });
  });

  it('puts a refused service name on the field it was typed in', async () => {
    withAuditor(() =>
      problem(422, 'Invalid input', {
        errors: [{ field: 'services[2]', message: 'enter a service name of 1 to 200 characters' }],
      }),
    );
    const user = userEvent.setup();
    renderApp(`/t/dudley/rounds/auditors/${ash}`);

    await user.type(await screen.findByLabelText('Another service (optional)'), 'x');
    await user.click(screen.getByRole('button', { name: 'Save their services' }));

    await waitFor(() => expect(summary()).toHaveFocus());
    expect(
      within(summary()).getByRole('link', { name: 'enter a service name of 1 to 200 characters' }),
    ).toHaveAttribute('href', '#other');
  });

  it('asks to check again when someone else changed them first', async () => {
    withAuditor(() => problem(412, 'Precondition failed'));
    const user = userEvent.setup();
    renderApp(`/t/dudley/rounds/auditors/${ash}`);

    await user.click(await screen.findByRole('button', { name: 'Save their services' }));

    await screen.findByRole('link', { name: /Someone else changed these services/ });
  });
});
