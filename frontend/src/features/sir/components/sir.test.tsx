import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { demoSession, json, mockApi, problem } from '../../../test/fetch';
import { renderApp } from '../../../test/render';

afterEach(() => {
  vi.unstubAllGlobals();
});

const setting = {
  id: '6f1d9a4e-0000-4000-8000-000000000031',
  urn: '470723',
  name: 'Oak Lane Secondary',
  phase: 'Secondary',
  setting_type: 'Free school',
  report_url: 'https://oak-lane-secondary.example.sch.uk/send-information-report',
  senco_email: 'senco@oak-lane-secondary.example.sch.uk',
  archived: false,
  version: 1,
};

const check = {
  id: '6f1d9a4e-0000-4000-8000-000000000032',
  round_id: '6f1d9a4e-0000-4000-8000-000000000033',
  round_name: 'SEN information reports 2026',
  year: 2026,
  setting,
  stratum: '',
  officer_id: demoSession.person.id,
  officer_name: 'Dana Lead',
  state: 'allocated',
  checked_on: null,
  last_updated: null,
  stale: false,
  counts: { met: 0, partially_met: 0, not_met: 0 },
  letter_state: '',
  completed_at: null,
  version: 3,
  report_url: '',
  published: null,
  ratings: {},
  copy: null,
  due_on: '2026-12-18',
};

const kindsLabel = 'The kinds of special educational needs the school makes provision for';
const sencoLabel = 'The name and contact details of the SEN co-ordinator';

const items = [
  {
    id: 'kinds_of_sen',
    section: 'What the SEND Regulations 2014 require',
    label: kindsLabel,
    guidance: 'Sch 1, para 1.',
  },
  {
    id: 'senco_contact',
    section: 'What the SEND Regulations 2014 require',
    label: sencoLabel,
    guidance: '',
  },
];

describe('the SEN information report check', () => {
  it('saves the ratings under the loaded version and links each refusal to its field', async () => {
    const { requests } = mockApi({
      'GET /auth/me': () => json(200, demoSession),
      [`GET /t/dudley/sir-checks/${check.id}`]: () => json(200, check),
      'GET /t/dudley/sir-checklist': () => json(200, { items }),
      [`GET /t/dudley/settings/${setting.id}/sir-history`]: () =>
        json(200, { setting, checks: [check] }),
      [`PUT /t/dudley/sir-checks/${check.id}`]: () =>
        json(200, { ...check, version: 4, last_updated: '2025-01-10', stale: true }),
      [`POST /t/dudley/sir-checks/${check.id}/complete`]: () =>
        problem(422, 'Invalid', {
          detail: 'the request has invalid fields',
          errors: [
            {
              field: 'ratings.senco_contact.comment',
              message: 'say what is missing, so that the setting knows what to add',
            },
          ],
        }),
    });
    const user = userEvent.setup();
    renderApp(`/t/dudley/sir/checks/${check.id}`);

    await screen.findByRole('heading', { name: 'Oak Lane Secondary', level: 1 });
    expect(screen.getByLabelText('Web address of the report')).toHaveValue(setting.report_url);
    await user.click(
      within(
        screen.getByRole('group', { name: /published on the setting’s website/ }),
      ).getByLabelText('Yes'),
    );
    await user.type(
      screen.getByLabelText('Date the report says it was last updated'),
      '2025-01-10',
    );
    const kinds = screen.getByRole('group', { name: kindsLabel });
    await user.click(within(kinds).getByLabelText('Met'));
    const senco = screen.getByRole('group', { name: sencoLabel });
    await user.click(within(senco).getByLabelText('Not met'));
    expect(screen.getByRole('textbox', { name: `What is missing: ${sencoLabel}` })).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Save and complete the check' }));

    const link = await screen.findByRole('link', { name: /say what is missing/ });
    expect(link).toHaveAttribute('href', '#ratings-senco_contact-comment');
    expect(screen.getByText('Over 12 months old')).toBeInTheDocument();

    const put = requests.find((r) => r.method === 'PUT');
    expect(put?.headers.get('If-Match')).toBe('"3"');
    const body = (await put?.json()) as { ratings: Record<string, { rating: string }> };
    expect(body.ratings).toEqual({
      kinds_of_sen: { rating: 'met', comment: '' },
      senco_contact: { rating: 'not_met', comment: '' },
    });
    const complete = requests.find((r) => r.method === 'POST');
    expect(complete?.headers.get('If-Match')).toBe('"4"');
  });
});
