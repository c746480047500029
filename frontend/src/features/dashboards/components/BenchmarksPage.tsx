import { useSearchParams } from 'react-router-dom';
import { Button, NotificationBanner, Select, Table } from '../../../components/govuk';
import { ScrollRegion } from '../../../components/ScrollRegion';
import { useArea } from '../../../lib/area';
import { useMay } from '../../../lib/permissions';
import { usePageTitle } from '../../../lib/title';
import {
  useBenchmark,
  useChangeConsent,
  useConsent,
  useInstrumentChoices,
  type Benchmark,
} from '../api/dashboards';
import { countText, labelWords } from './figures';

/** The region's consenting areas side by side, and the area's own consent. */
export function BenchmarksPage() {
  const { tenant, areaName } = useArea();
  const [params] = useSearchParams();
  const instrument = params.get('instrument') ?? 'ehcp_quality_audit';
  const consent = useConsent(tenant);
  const region = consent.data?.region ?? '';
  const benchmark = useBenchmark(region, instrument);
  const instruments = useInstrumentChoices(tenant);
  const mayConsent = useMay(tenant, 'benchmarks:consent');
  const change = useChangeConsent(tenant);
  usePageTitle(`Regional benchmarks – ${areaName}`);
  if (consent.error) throw consent.error;
  if (benchmark.error) throw benchmark.error;

  return (
    <>
      {change.isSuccess && (
        <NotificationBanner
          type="success"
          text={
            consent.data?.consents
              ? `${areaName} now takes part in regional benchmarks.`
              : `${areaName} no longer takes part in regional benchmarks.`
          }
        />
      )}
      <h1 className="govuk-heading-l">Regional benchmarks</h1>
      <p className="govuk-body">
        Results of the areas of the region that agree to share, beside the region’s. Counts under 5
        are withheld, and so is any count that would let one be worked out from a total.
      </p>
      <h2 className="govuk-heading-m">Your area’s consent</h2>
      {consent.data && (
        <p className="govuk-body">
          {consent.data.consents
            ? `${areaName} takes part: consent given by ${consent.data.given_by_name || 'a colleague'}.`
            : `${areaName} does not take part: its figures are shown to no other area.`}
        </p>
      )}
      {mayConsent && consent.data && (
        <Button
          text={consent.data.consents ? 'Stop taking part' : 'Take part in regional benchmarks'}
          classes={consent.data.consents ? 'govuk-button--warning' : 'govuk-button--secondary'}
          disabled={change.isPending}
          onClick={() => change.mutate(!consent.data.consents)}
        />
      )}
      <form method="get" className="govuk-!-margin-bottom-6">
        <Select
          // Drawn again once the choices arrive, so that the chosen one shows.
          key={instruments.data?.items.length ?? 0}
          id="instrument"
          name="instrument"
          label={{ text: 'Instrument', classes: 'govuk-label--s' }}
          value={instrument}
          items={(instruments.data?.items ?? []).map((i) => ({ value: i.key, text: i.title }))}
        />
        <Button text="Compare" classes="govuk-button--secondary" />
      </form>
      {benchmark.isPending && region && <p className="govuk-body">Loading the benchmark…</p>}
      {benchmark.data && <BenchmarkTable benchmark={benchmark.data} />}
    </>
  );
}

function BenchmarkTable({ benchmark }: { benchmark: Benchmark }) {
  const caption = `Results by area, ${benchmark.from} to ${benchmark.to}`;
  if (benchmark.areas.length === 0) {
    return <p className="govuk-body">No area of the region takes part yet.</p>;
  }

  return (
    <ScrollRegion label={caption}>
      <Table
        caption={caption}
        captionClasses="govuk-table__caption--m"
        head={[
          { text: 'Area' },
          ...benchmark.labels.map((l) => ({ text: labelWords(l), format: 'numeric' as const })),
          { text: 'All results', format: 'numeric' },
        ]}
        rows={[...benchmark.areas, benchmark.overall].map((row, i) => [
          {
            text: i === benchmark.areas.length ? `${row.area} (region)` : row.area,
            classes: i === benchmark.areas.length ? 'govuk-!-font-weight-bold' : undefined,
          },
          ...row.parts.map((p) => ({ text: countText(p), format: 'numeric' as const })),
          { text: countText(row.total), format: 'numeric' as const },
        ])}
      />
    </ScrollRegion>
  );
}
