import { useParams } from 'react-router-dom';
import { BackLink, Link, SummaryList, Table } from '../../../components/govuk';
import { ScrollRegion } from '../../../components/ScrollRegion';
import { useArea } from '../../../lib/area';
import { usePageTitle } from '../../../lib/title';
import {
  byTheme,
  decisionText,
  formatDate,
  useSharedResult,
  useSharedResults,
} from '../api/providers';
import { providerPaths } from '../paths';
import { RatingTag } from './shared';

/** Results other councils of the region share, read-only. */
export function SharedResultsPage() {
  const { tenant, areaName } = useArea();
  usePageTitle(`Results shared by the region – ${areaName}`);
  const shared = useSharedResults(tenant);
  if (shared.error) throw shared.error;

  return (
    <>
      <BackLink href={providerPaths.register(tenant)} text="Back to providers" />
      <h1 className="govuk-heading-l">Results shared by the region</h1>
      <p className="govuk-body">
        Other councils of your region share these audits so that each provider is visited once. Rely
        on a result, or open your own audit from the provider’s page.
      </p>
      {!shared.data ? (
        <p className="govuk-body" role="status">
          Loading…
        </p>
      ) : shared.data.items.length === 0 ? (
        <p className="govuk-body">No council of your region shares a result now.</p>
      ) : (
        <ScrollRegion label="Shared results">
          <Table
            caption="Shared results"
            captionClasses="govuk-visually-hidden"
            head={[
              { text: 'Provider' },
              { text: 'Audited by' },
              { text: 'Rating' },
              { text: 'Decided' },
            ]}
            rows={shared.data.items.map((a) => [
              {
                html: (
                  <Link href={providerPaths.sharedResult(tenant, a.id)}>{a.provider_name}</Link>
                ),
              },
              { text: a.tenant_name },
              { html: <RatingTag rating={a.overall} /> },
              { text: formatDate(a.decided_at) },
            ])}
          />
        </ScrollRegion>
      )}
    </>
  );
}

/** One shared result: the rating, its date and the feedback on each standard. */
export function SharedResultPage() {
  const { tenant, areaName } = useArea();
  const { auditId = '' } = useParams();
  const result = useSharedResult(tenant, auditId);
  usePageTitle(`Shared result for ${result.data?.provider_name ?? 'a provider'} – ${areaName}`);
  if (result.error) throw result.error;
  if (!result.data) {
    return (
      <p className="govuk-body" role="status">
        Loading…
      </p>
    );
  }
  const a = result.data;

  return (
    <>
      <BackLink href={providerPaths.shared(tenant)} text="Back to shared results" />
      <span className="govuk-caption-l">Shared by {a.tenant_name}</span>
      <h1 className="govuk-heading-l">{a.provider_name}</h1>
      <SummaryList
        rows={[
          { key: { text: 'Overall rating' }, value: { html: <RatingTag rating={a.overall} /> } },
          { key: { text: 'Decision' }, value: { text: decisionText[a.decision] ?? '' } },
          { key: { text: 'Decided' }, value: { text: formatDate(a.decided_at) } },
          { key: { text: 'Review date' }, value: { text: formatDate(a.review_on) } },
        ]}
      />
      {byTheme(a.standards).map(([theme, standards]) => (
        <section key={theme} aria-label={theme}>
          <h2 className="govuk-heading-m">{theme}</h2>
          <SummaryList
            rows={standards.map((s) => ({
              key: { text: s.title },
              value: {
                html: (
                  <>
                    <RatingTag rating={s.rating} /> {s.feedback}
                  </>
                ),
              },
            }))}
          />
        </section>
      ))}
    </>
  );
}
