import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { demoSession, json, mockApi } from '../../../test/fetch';
import { renderApp } from '../../../test/render';

const id = '5d6c6d2e-0000-4000-8000-000000000002';

const response = {
  id,
  allocation_id: 'a1',
  round_id: 'r1',
  auditor_id: demoSession.person.id,
  auditor_name: 'Tom Auditor',
  local_id: 'EH2',
  instrument_key: 'tiny',
  instrument_version: 1,
  as_of: '2026-11-02',
  state: 'draft',
  version: 1,
  answers: {},
  definition: {
    key: 'tiny',
    version: 1,
    title: 'Tiny audit',
    scoring: { rule_version: 't-1', overall: { method: 'mean' } },
    sections: [
      {
        id: 'case',
        title: 'Case',
        items: [{ id: 'advice', kind: 'evidence', label: 'Advice received' }],
      },
    ],
  },
  evidence: [
    {
      id: 'e0',
      item_id: 'advice',
      response_id: id,
      file_name: 'old-letter.pdf',
      content_type: 'application/pdf',
      size: 2048,
      scan_state: 'clean',
      created_at: '2026-11-01T09:00:00Z',
    },
  ],
  personal_hidden: false,
  reopened_reason: '',
  result: null,
  submitted_at: '',
  updated_at: '2026-11-02T10:00:00Z',
};

describe('evidence on a question', () => {
  it('uploads the file chosen, lists it as waiting for its scan, and notes it in the answer', async () => {
    const session = {
      ...demoSession,
      memberships: [{ ...demoSession.memberships[0]!, roles: ['auditor'] }],
    };
    const { requests } = mockApi({
      'GET /auth/me': () => json(200, session),
      [`GET /t/dudley/responses/${id}`]: () => json(200, response),
      'POST /t/dudley/evidence': () =>
        json(201, {
          ...response.evidence[0],
          id: 'e1',
          file_name: 'advice.txt',
          content_type: 'text/plain',
          size: 12,
          scan_state: 'pending',
        }),
      [`PUT /t/dudley/responses/${id}/answers`]: () =>
        json(200, { ...response, version: 2, answers: { advice: { files: ['e1'] } } }),
    });
    const user = userEvent.setup();
    renderApp(`/t/dudley/responses/${id}`);

    expect(await screen.findByRole('link', { name: 'old-letter.pdf' })).toHaveAttribute(
      'href',
      '/api/v1/t/dudley/evidence/e0',
    );
    const file = new File(['hello world\n'], 'advice.txt', { type: 'text/plain' });
    await user.upload(screen.getByLabelText('Advice received (optional)'), file);

    expect(await screen.findByText('advice.txt is attached.')).toBeVisible();
    expect(screen.getByText(/Waiting for the virus scan/)).toBeVisible();
    expect(screen.queryByRole('link', { name: 'advice.txt' })).toBeNull();
    const upload = requests.find((r) => r.method === 'POST' && r.url.includes('/evidence'))!;
    const query = new URL(upload.url).searchParams;
    expect([query.get('response_id'), query.get('item_id'), query.get('file_name')]).toEqual([
      id,
      'advice',
      'advice.txt',
    ]);
    expect(upload.headers.get('Content-Type')).toBe('text/plain');
    // jsdom's File is not one Node's fetch can read, so the bytes sent are
    // checked by the browser test (e2e/audits.test.mjs) instead.

    await waitFor(() => expect(requests.some((r) => r.method === 'PUT')).toBe(true), {
      timeout: 3000,
    });
    const put = requests.find((r) => r.method === 'PUT')!;
    expect(await put.json()).toEqual({ answers: { advice: { files: ['e1'] } } });
  });
});
