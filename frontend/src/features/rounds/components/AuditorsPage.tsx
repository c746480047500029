import { useParams } from 'react-router-dom';
import { BackLink, Link, NotificationBanner, Table, Tag } from '../../../components/govuk';
import { LoadError } from '../../../components/LoadError';
import { ScrollRegion } from '../../../components/ScrollRegion';
import { useFlash } from '../../../lib/area';
import { usePageTitle } from '../../../lib/title';
import { useAuditors } from '../api/rounds';
import { auditorPath, roundsPath } from './labels';

/**
 * The area's auditors, the cohort of every round, with the services each
 * belongs to: allocation matches these names against a subject's
 * contributing services, so that nobody audits their own service's work.
 */
export function AuditorsPage() {
  const tenant = useParams().tenant ?? '';
  const auditors = useAuditors(tenant);
  const flash = useFlash();
  usePageTitle('Auditors and their services');
  const items = auditors.data?.items ?? [];

  return (
    <>
      <BackLink href={roundsPath(tenant)} text="Back to rounds" />
      {flash && <NotificationBanner type="success" text={flash} />}
      <h1 className="govuk-heading-l">Auditors and their services</h1>
      <p className="govuk-body">
        Every member with the auditor role is in the cohort of a round. An auditor is never given a
        subject that one of their services contributed to, so record each auditor’s services before
        a round is allocated. A round already allocated keeps the services it was allocated with.
      </p>
      {auditors.isError && (
        <LoadError
          message={auditors.error.message}
          description="The auditors could not be loaded. Try again in a moment."
        />
      )}
      {auditors.isPending && (
        <p className="govuk-body" role="status">
          Loading the auditors…
        </p>
      )}
      {auditors.isSuccess && items.length === 0 && (
        <p className="govuk-body">
          The area has no auditors yet: invite people with the auditor role.
        </p>
      )}
      {items.length > 0 && (
        <ScrollRegion label="Auditors">
          <Table
            caption="Auditors"
            captionClasses="govuk-visually-hidden"
            firstCellIsHeader
            head={[{ text: 'Auditor' }, { text: 'Services' }, { text: 'Action' }]}
            rows={items.map((a) => [
              { text: a.name },
              {
                html:
                  a.services.length > 0 ? (
                    a.services.join('; ')
                  ) : (
                    <Tag text="None recorded" classes="govuk-tag--yellow" />
                  ),
              },
              {
                html: (
                  <Link className="govuk-link" href={auditorPath(tenant, a.person_id)}>
                    Change<span className="govuk-visually-hidden"> the services of {a.name}</span>
                  </Link>
                ),
              },
            ])}
          />
        </ScrollRegion>
      )}
    </>
  );
}
