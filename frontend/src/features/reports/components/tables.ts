import { labelText, percent, type Report } from '../api/reports';

/** The sections the practitioner writes, in the report's order. */
export const narrativeSections: { key: string; title: string }[] = [
  { key: 'summary', title: 'Summary' },
  { key: 'audits', title: 'Audits' },
  { key: 'moderation', title: 'Moderation' },
  { key: 'timeliness', title: 'Statutory timeliness' },
  { key: 'themes', title: 'Triangulated themes' },
  { key: 'plan', title: 'Improvement plan' },
  { key: 'voice', title: 'Voice of young people and families' },
  { key: 'next_steps', title: 'Next steps' },
];

/** One table of a report's figures, as the PDF and the spreadsheet lay them out. */
export interface FigureTable {
  key: string;
  title: string;
  header: string[];
  rows: string[][];
}

function headline(h: Report['headlines'][number], v: number | null | undefined, defined = true) {
  if (!defined || v === null || v === undefined) return 'No data';

  return h.percent ? `${Math.round(v * 100)}%` : String(Math.round(v));
}

/** Every figure of a report as tables, each beside the narrative section it belongs to. */
export function figureTables(r: Report): FigureTable[] {
  const f = r.figures;
  const t = f.timeliness;

  return [
    {
      key: 'summary',
      title: 'Headline figures',
      header: ['Figure', 'This report', 'Previous report'],
      rows: r.headlines.map((h) => [
        h.label,
        headline(h, h.value, h.defined),
        h.previous === null ? 'None' : headline(h, h.previous),
      ]),
    },
    {
      key: 'audits',
      title: 'Grade distributions',
      header: ['Activity', 'Result', 'Audits'],
      rows: f.activities.flatMap((a) => [
        ...a.grades.map((g) => [a.title, labelText(g.label), String(g.count)]),
        [a.title, 'All results', String(a.responses)],
      ]),
    },
    {
      key: 'moderation',
      title: 'Moderation agreement',
      header: ['Round', 'Items compared', 'Agreement', 'Weighted kappa', 'Strength'],
      rows: f.agreement.map((a) => [
        a.round,
        String(a.pairs),
        percent(a.agreement),
        a.kappa === null ? 'Not defined' : a.kappa.toFixed(2),
        labelText(a.band),
      ]),
    },
    {
      key: 'timeliness',
      title: 'Statutory timeliness',
      header: ['Measure', 'On time', 'Out of', 'Share'],
      rows: [
        [
          'EHC plans issued within 20 weeks, including exceptions',
          String(t.ehcna.on_time),
          String(t.ehcna.issued),
          percent(t.ehcna.with_exceptions),
        ],
        [
          'EHC plans issued within 20 weeks, excluding exceptions',
          String(t.ehcna.on_time),
          String(t.ehcna.on_time + t.ehcna.late),
          percent(t.ehcna.without_exceptions),
        ],
        [
          'Health advice within 6 weeks',
          String(t.health_advice.on_time),
          String(t.health_advice.judged),
          percent(t.health_advice.share),
        ],
        [
          'Annual review steps on time',
          String(t.annual_reviews.on_time),
          String(t.annual_reviews.judged),
          percent(t.annual_reviews.share),
        ],
      ],
    },
    {
      key: 'themes',
      title: 'Triangulated themes',
      header: ['Theme', 'Sources', 'Strengths', 'Areas for development', 'Triangulated'],
      rows: f.themes.map((th) => [
        th.theme,
        String(th.sources),
        String(th.strengths),
        String(th.developments),
        th.triangulated ? 'Yes' : 'No',
      ]),
    },
    {
      key: 'plan',
      title: 'Improvement plan progress',
      header: ['Actions', 'Number'],
      rows: [
        ['All actions', String(f.plan.total)],
        ['Not started', String(f.plan.not_started)],
        ['In progress', String(f.plan.in_progress)],
        ['Completed', String(f.plan.completed)],
        ['Cancelled', String(f.plan.cancelled)],
        ['Overdue', String(f.plan.overdue)],
        ['Share completed', percent(f.plan.completed_share)],
      ],
    },
    {
      key: 'voice',
      title: 'Voice of young people and families',
      header: ['Source', 'Strength or development', 'What was said', 'Date'],
      rows: f.voice.map((v) => [v.source, labelText(v.polarity), v.body, v.found_on]),
    },
  ];
}
