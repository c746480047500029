import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { demoSession, json, mockApi, problem } from '../../../test/fetch';
import { renderApp } from '../../../test/render';

afterEach(() => {
  vi.unstubAllGlobals();
});

const auditId = '6f1d9a4e-0000-4000-8000-000000000030';

function standard(key: string, theme: string, title: string, extra: Record<string, unknown> = {}) {
  return {
    key,
    position: 1,
    theme,
    title,
    guidance: '',
    state: 'requested',
    statement: '',
    rating: '',
    feedback: '',
    more_request: '',
    version: 1,
    evidence: [],
    ...extra,
  };
}

const audit = {
  id: auditId,
  tenant: 'dudley',
  tenant_name: 'Dudley Council',
  provider_id: '6f1d9a4e-0000-4000-8000-000000000031',
  provider_name: 'Oakfield Learning',
  instrument_key: 'ap_quality_standards',
  instrument_version: 1,
  state: 'requested',
  evidence_due_on: '2027-01-15',
  extension_until: null,
  extension_reason: '',
  visit_on: null,
  visit_notes: '',
  overall: '',
  decision: '',
  conditions: '',
  review_on: null,
  decided_at: null,
  submitted_at: null,
  evidence_outstanding: 2,
  challenges_open: 0,
  shared: false,
  standards: [
    standard('a1', 'Assessment and understanding', 'Information before the placement'),
    standard('l2', 'The learning environment', 'Safeguarding', {
      state: 'rated',
      rating: 'red',
      feedback: 'The log has gaps',
      statement: 'We keep a log',
    }),
  ],
  challenges: [],
  shares: [],
  version: 4,
  created_at: '2026-12-01T09:00:00Z',
  updated_at: '2026-12-01T09:00:00Z',
};

const provider = {
  ...demoSession,
  person: { ...demoSession.person, email: 'office@oakfield.example.org' },
  memberships: [
    { tenant: 'dudley', tenant_name: 'Dudley', region: 'black-country', roles: ['provider'] },
  ],
};

describe("the provider's audit", () => {
  it('lists the standards by theme, offers a challenge of a rating, and links submission errors to their fields', async () => {
    const { requests } = mockApi({
      'GET /auth/me': () => json(200, provider),
      [`GET /provider/audits/${auditId}`]: () => json(200, audit),
      [`POST /provider/audits/${auditId}/submit`]: () =>
        problem(422, 'Invalid', {
          detail: 'the request has invalid fields',
          errors: [
            {
              field: 'standards.a1.statement',
              message: 'Information before the placement: say how you meet this standard',
            },
          ],
        }),
    });
    const user = userEvent.setup();
    renderApp(`/provider/audits/${auditId}`);

    await screen.findByRole('heading', { name: 'Quality standards audit of Oakfield Learning' });
    expect(screen.getByRole('region', { name: 'Assessment and understanding' })).toBeTruthy();
    const safeguarding = screen.getByRole('region', { name: 'Safeguarding' });
    expect(within(safeguarding).getByText('Red')).toBeTruthy();
    expect(within(safeguarding).getByText('Challenge the rating of Safeguarding')).toBeTruthy();
    expect(within(safeguarding).queryByRole('textbox', { name: /How you meet/ })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Submit the evidence' }));
    const link = await screen.findByRole('link', {
      name: 'Information before the placement: say how you meet this standard',
    });
    expect(link.getAttribute('href')).toBe('#standards-a1-statement');
    expect(document.getElementById('standards-a1-statement')?.tagName).toBe('TEXTAREA');
    const sent = requests.find((r) => r.url.endsWith('/submit'))!;
    expect(sent.headers.get('If-Match')).toBe('"4"');
  });
});
