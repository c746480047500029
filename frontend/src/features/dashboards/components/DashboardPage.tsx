import { useParams, useSearchParams } from 'react-router-dom';
import { Button, Select, SummaryList, TextInput } from '../../../components/govuk';
import { useArea } from '../../../lib/area';
import { usePageTitle } from '../../../lib/title';
import { useDashboard, type DashboardFilter, type DashboardKind } from '../api/dashboards';
import { BreakdownFigure, countText, labelWords } from './figures';

const titles: Record<DashboardKind, string> = {
  programme: 'Programme at a glance',
  service: 'Your services',
  board: 'Headline indicators',
};

const intros: Record<DashboardKind, string> = {
  programme: 'The audit programme in the period: progress, results, moderation and actions.',
  service:
    'Results of audits of plans your services contributed to, the feedback to them, and your actions.',
  board: 'The partnership’s headline indicators: results and statutory timeliness.',
};

const needs = ['SPLD', 'MLD', 'SLD', 'PMLD', 'SLCN', 'ASD', 'SEMH', 'HI', 'VI', 'MSI', 'PD', 'OTH'];
const stages = ['EY', 'KS1', 'KS2', 'KS3', 'KS4', 'KS5', 'Post-16'];

const choices = (values: string[], all: string) => [
  { value: '', text: all },
  ...values.map((v) => ({ value: v, text: v })),
];

/** A role's dashboard with its filters; every count under five is withheld. */
export function DashboardPage() {
  const { tenant, areaName } = useArea();
  const kind = (useParams().kind ?? 'programme') as DashboardKind;
  const [params] = useSearchParams();
  const filter: DashboardFilter = {
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
    primary_need: params.get('primary_need') ?? undefined,
    key_stage: params.get('key_stage') ?? undefined,
    setting_type: params.get('setting_type') ?? undefined,
  };
  const dashboard = useDashboard(tenant, kind in titles ? kind : 'programme', filter);
  usePageTitle(`${titles[kind] ?? 'Dashboard'} – ${areaName}`);
  if (dashboard.error) throw dashboard.error;
  const d = dashboard.data;

  return (
    <>
      <h1 className="govuk-heading-l">{titles[kind]}</h1>
      <p className="govuk-body">{intros[kind]}</p>
      <p className="govuk-body">
        Counts under 5 are withheld, and so is any count that would let one be worked out from a
        total, as official statistics do.
      </p>
      <form method="get" className="govuk-!-margin-bottom-6">
        <div className="app-filters">
          <TextInput
            id="from"
            name="from"
            type="date"
            classes="govuk-input--width-10"
            label={{ text: 'From' }}
            value={params.get('from') ?? d?.from ?? ''}
          />
          <TextInput
            id="to"
            name="to"
            type="date"
            classes="govuk-input--width-10"
            label={{ text: 'To' }}
            value={params.get('to') ?? d?.to ?? ''}
          />
          <Select
            id="primary_need"
            name="primary_need"
            label={{ text: 'Primary need' }}
            value={filter.primary_need ?? ''}
            items={choices(needs, 'Every need')}
          />
          <Select
            id="key_stage"
            name="key_stage"
            label={{ text: 'Key stage' }}
            value={filter.key_stage ?? ''}
            items={choices(stages, 'Every key stage')}
          />
          <TextInput
            id="setting_type"
            name="setting_type"
            label={{ text: 'Type of setting' }}
            hint={{ text: 'For example, Mainstream' }}
            value={filter.setting_type ?? ''}
          />
        </div>
        <Button text="Apply filter" classes="govuk-button--secondary" />
      </form>
      {dashboard.isPending && <p className="govuk-body">Loading the figures…</p>}
      {d && (
        <>
          {kind === 'service' && (
            <p className="govuk-body">
              {d.services.length > 0
                ? `Your services: ${d.services.join(', ')}.`
                : 'You lead no service’s local plan yet, so no service’s results are counted.'}
            </p>
          )}
          <h2 className="govuk-heading-m">Key figures</h2>
          <SummaryList
            rows={d.shares.map((s) => ({
              key: { text: s.title },
              value: {
                text:
                  s.percent === null || s.percent === undefined
                    ? 'Withheld, to protect small numbers'
                    : `${s.percent}% of ${countText(s.of)}`,
              },
            }))}
          />
          <h2 className="govuk-heading-m">Children’s audits</h2>
          {d.breakdowns.map((b) => (
            <BreakdownFigure key={b.key} breakdown={b} />
          ))}
          <h2 className="govuk-heading-m">Plans and actions</h2>
          {d.plain.map((b) => (
            <SummaryList
              key={b.key}
              rows={b.parts.map((p) => ({
                key: { text: `${b.title}: ${labelWords(p.label).toLowerCase()}` },
                value: { text: String(p.count.value ?? 0) },
              }))}
            />
          ))}
        </>
      )}
    </>
  );
}
