import { Button, Link } from '../../../components/govuk';
import { useArea } from '../../../lib/area';
import { usePageTitle } from '../../../lib/title';
import { useVisits } from '../api/visits';
import { visitPaths } from '../paths';
import { VisitAnswer, formatDate, stateText } from './VisitParts';

/** A young person's visits, and what the services said back. */
export function MyVisitsPage() {
  const { tenant } = useArea();
  const visits = useVisits(tenant);
  usePageTitle('My visits');
  if (visits.isError) throw visits.error;

  return (
    <div className="govuk-grid-row app-visit-step">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">My visits</h1>
        <p className="govuk-body">
          Tell us what a place was like. Services read it and answer you.
        </p>
        <Button text="Record a visit" href={visitPaths.record(tenant)} />
        {!visits.data && <p className="govuk-body">Loading your visits…</p>}
        {visits.data && visits.data.items.length === 0 && (
          <p className="govuk-body">You have not recorded a visit yet.</p>
        )}
        {visits.data?.items.map((visit) => (
          <div className="govuk-summary-card" key={visit.id}>
            <div className="govuk-summary-card__title-wrapper">
              <h2 className="govuk-summary-card__title">
                <Link className="govuk-link" href={visitPaths.form(tenant, visit.id)}>
                  {visit.place}
                  <span className="govuk-visually-hidden">, {formatDate(visit.visit_date)}</span>
                </Link>
              </h2>
            </div>
            <div className="govuk-summary-card__content">
              <p className="govuk-body">
                {formatDate(visit.visit_date)}. {stateText(visit)}.
              </p>
              <VisitAnswer visit={visit} />
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}
