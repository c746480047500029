import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { demoSession, json, mockApi, problem, type Route } from '../../../test/fetch';
import { renderApp } from '../../../test/render';

const id = '5d6c6d2e-0000-4000-8000-000000000001';
const path = `/t/dudley/responses/${id}`;

const definition = {
  key: 'tiny',
  version: 1,
  title: 'Tiny audit',
  scoring: { rule_version: 't-1', overall: { method: 'mean' } },
  sections: [
    {
      id: 'case',
      title: 'Case',
      items: [
        { id: 'child_name', kind: 'personal', personal_kind: 'name', label: 'Child name' },
        { id: 'officer', kind: 'text', label: 'Allocated officer', required: true },
      ],
    },
  ],
};

function draft(version: number, answers: Record<string, unknown>) {
  return {
    id,
    allocation_id: 'a1',
    round_id: 'r1',
    auditor_id: demoSession.person.id,
    auditor_name: 'Tom Auditor',
    local_id: 'EH1',
    instrument_key: 'tiny',
    instrument_version: 1,
    as_of: '2026-11-02',
    state: 'draft',
    version,
    answers,
    definition,
    evidence: [],
    personal_hidden: false,
    reopened_reason: '',
    result: null,
    submitted_at: '',
    updated_at: '2026-11-02T10:00:00Z',
  };
}

function asAuditor(routes: Record<string, Route>) {
  const session = {
    ...demoSession,
    memberships: [{ ...demoSession.memberships[0]!, roles: ['auditor'] }],
  };

  return mockApi({
    'GET /auth/me': () => json(200, session),
    [`GET /t/dudley/responses/${id}`]: () => json(200, draft(1, { officer: 'Jo' })),
    ...routes,
  });
}

describe('the audit form', () => {
  it('submits at the version loaded with a key, and links each refusal to its field', async () => {
    const { requests } = asAuditor({
      [`POST /t/dudley/responses/${id}/submit`]: () =>
        problem(422, 'Invalid input', {
          errors: [{ field: 'answers.officer', message: 'enter the allocated officer' }],
        }),
    });
    const user = userEvent.setup();
    renderApp(path);

    await user.click(await screen.findByRole('button', { name: 'Submit the audit' }));

    const summary = (await screen.findByRole('alert')).parentElement!;
    expect(within(summary).getByRole('link').getAttribute('href')).toBe('#answers-officer');
    expect(screen.getByLabelText('Allocated officer')).toHaveAccessibleDescription(
      expect.stringContaining('Error: enter the allocated officer'),
    );
    await waitFor(() => expect(document.title).toBe('Error: Audit of EH1 – sendqa'));
    const submit = requests.find((r) => r.method === 'POST' && r.url.endsWith('/submit'))!;
    expect(submit.headers.get('If-Match')).toBe('"1"');
    expect(submit.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses to overwrite a newer save from another tab, and loads it on request', async () => {
    let loads = 0;
    const { requests } = asAuditor({
      [`GET /t/dudley/responses/${id}`]: () =>
        json(200, loads++ === 0 ? draft(1, { officer: 'Jo' }) : draft(3, { officer: 'Sam' })),
      [`PUT /t/dudley/responses/${id}/answers`]: () =>
        problem(412, 'Precondition Failed', {
          detail: 'this response was saved elsewhere (version 3, at 10:05:00 on 2 Nov 2026 UTC)',
        }),
    });
    const user = userEvent.setup();
    renderApp(path);

    await user.type(await screen.findByLabelText('Allocated officer'), 'e');
    const banner = await screen.findByRole('alert', {}, { timeout: 3000 });
    expect(banner).toHaveTextContent(
      'A newer version of this audit was saved in another tab or on another device',
    );
    expect(banner).toHaveTextContent('saved elsewhere (version 3');
    const put = requests.find((r) => r.method === 'PUT')!;
    expect(put.headers.get('If-Match')).toBe('"1"');
    expect(await put.json()).toEqual({ answers: { officer: 'Joe' } });

    await user.click(screen.getByRole('button', { name: 'Load the newer version' }));
    await waitFor(() => expect(screen.getByLabelText('Allocated officer')).toHaveValue('Sam'));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows the computed result at once when the audit is submitted', async () => {
    asAuditor({
      [`POST /t/dudley/responses/${id}/submit`]: () =>
        json(201, {
          ...draft(2, { officer: 'Jo' }),
          state: 'submitted',
          submitted_at: '2026-11-02T10:10:00Z',
          result: {
            overall: { scored: true, label: 'good', value: 3, count: 1 },
            sections: [],
            milestones: [],
            items: {},
            computed: {},
            poor: false,
            rule_version: 't-1',
            compliance: { on_time: 0, late: 0, excused: 0, missing: 0, not_due: 0, unknown: 0 },
            statutory_compliance: {
              on_time: 0,
              late: 0,
              excused: 0,
              missing: 0,
              not_due: 0,
              unknown: 0,
            },
          },
        }),
    });
    const user = userEvent.setup();
    renderApp(path);

    await user.click(await screen.findByRole('button', { name: 'Submit the audit' }));

    expect(await screen.findByRole('heading', { name: 'Audit submitted' })).toBeVisible();
    expect(screen.getByTestId('panel-result')).toHaveTextContent('EH1: Good');
  });

  it('counts the clocks to today while the audit is a draft', async () => {
    asAuditor({
      [`GET /t/dudley/responses/${id}`]: () => json(200, { ...draft(1, {}), as_of: undefined }),
    });
    renderApp(path);
    expect(await screen.findByText(/Dates are counted to today\./)).toBeInTheDocument();
  });

  it('names the day a submitted result was worked out on', async () => {
    asAuditor({});
    renderApp(path);
    expect(await screen.findByText(/Dates are counted to 2 November 2026\./)).toBeInTheDocument();
  });

  it('says answers about the child are never kept on the device', async () => {
    asAuditor({});
    renderApp(path);

    expect(await screen.findByTestId('personal-note')).toHaveTextContent(
      'are never kept on this device',
    );
  });
});
