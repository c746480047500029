import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { demoSession, json, mockApi } from '../../../test/fetch';
import { renderApp } from '../../../test/render';
import { checkFinding } from './FindingFormPages';
import { termsAround } from './terms';

afterEach(() => {
  vi.unstubAllGlobals();
});

const theme = {
  id: '6f1d9a4e-0000-4000-8000-000000000031',
  name: 'Quality of health advice',
  description: '',
  links: ['health_advice_quality'],
  position: 5,
  archived: false,
  version: 1,
  created_at: '2026-09-01T09:00:00Z',
  updated_at: '2026-09-01T09:00:00Z',
};

const sources = [
  { kind: 'audit', label: 'Audits', entered: false, voice: false },
  { kind: 'parent_carer_forum', label: 'Parent carer forum', entered: true, voice: true },
  { kind: 'iass', label: 'Information, advice and support service', entered: true, voice: true },
];

describe('the triangulation', () => {
  it('names the terms of the year before and this one', () => {
    const terms = termsAround(new Date('2026-12-04T00:00:00Z'));
    expect(terms.map((t) => t.key)).toContain('spring-2026');
    expect(terms.find((t) => t.key === 'spring-2026')).toMatchObject({
      from: '2026-01-01',
      to: '2026-04-30',
    });
  });

  it('asks for every field of a finding before sending it', () => {
    const empty = {
      theme_id: '',
      source_kind: '',
      source_label: '',
      polarity: '',
      body: ' ',
      found_on: '',
    };
    expect(checkFinding(empty).map((p) => p.field)).toEqual([
      'theme_id',
      'source_kind',
      'polarity',
      'body',
      'found_on',
    ]);
  });

  it('marks a theme three sources found and links each cell to its findings', async () => {
    mockApi({
      'GET /auth/me': () => json(200, demoSession),
      'GET /t/dudley/triangulation': () =>
        json(200, {
          from: null,
          to: null,
          sources,
          rows: [
            {
              theme,
              cells: [
                { kind: 'audit', strengths: 1, developments: 2 },
                { kind: 'parent_carer_forum', strengths: 0, developments: 1 },
                { kind: 'iass', strengths: 0, developments: 1 },
              ],
              sources: 3,
              strengths: 1,
              developments: 4,
              triangulated: true,
            },
          ],
        }),
    });
    renderApp('/t/dudley/triangulation');

    const row = await screen.findByRole('row', { name: /^Quality of health advice/ });
    expect(within(row).getByText('Triangulated')).toBeInTheDocument();
    const forum = within(row).getByRole('link', { name: /from Parent carer forum/ });
    expect(forum).toHaveTextContent(/^0 \/ 1/);
    expect(forum.getAttribute('href')).toContain('source_kind=parent_carer_forum');
    expect(
      within(row).getByRole('link', {
        name: /^Turn into an action\s*for Quality of health advice$/,
      }),
    ).toHaveAttribute('href', `/t/dudley/themes/${theme.id}/action`);
  });
});
