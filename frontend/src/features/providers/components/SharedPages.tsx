import { useNavigate, useParams } from 'react-router-dom';
import {
  BackLink,
  Button,
  ErrorSummary,
  Link,
  SummaryList,
  Table,
} from '../../../components/govuk';
import { ScrollRegion } from '../../../components/ScrollRegion';
import { useArea } from '../../../lib/area';
import { usePageTitle } from '../../../lib/title';
import {
  byTheme,
  decisionText,
  formatDate,
  useAddSharedProvider,
  useRegister,
  useSharedResult,
  useSharedResults,
} from '../api/providers';
import { providerPaths } from '../paths';
import { useManage } from './RegisterPage';
import { RatingTag, useAction } from './shared';

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
      <RelyOrAudit tenant={tenant} auditId={a.id} providerId={a.provider_id} />
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

/**
 * The council relies on the shared result by reading it; to audit the
 * provider itself it first puts the provider on its own register.
 */
function RelyOrAudit(props: { tenant: string; auditId: string; providerId: string }) {
  const manage = useManage();
  const register = useRegister(props.tenant);
  const add = useAddSharedProvider(props.tenant);
  const navigate = useNavigate();
  const { errors, run } = useAction('', 'add');
  if (!manage || !register.data) return null;
  const known = register.data.items.find(
    (p) => p.provider_id === props.providerId && p.state === 'active',
  );

  if (known) {
    return (
      <p className="govuk-body">
        The provider is on your register:{' '}
        <Link href={providerPaths.provider(props.tenant, props.providerId)}>
          open an audit of your own
        </Link>{' '}
        if you do not rely on this one.
      </p>
    );
  }

  return (
    <>
      {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
      <p className="govuk-body">
        Rely on this result as it is, or put the provider on your register to audit it yourself.
      </p>
      <Button
        id="add"
        text="Add the provider to your register"
        classes="govuk-button--secondary"
        onClick={() =>
          void run(async () => {
            await add.mutateAsync(props.auditId);
            navigate(providerPaths.provider(props.tenant, props.providerId));
          })
        }
      />
    </>
  );
}
