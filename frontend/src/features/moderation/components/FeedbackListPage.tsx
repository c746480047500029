import { Table } from '../../../components/govuk';
import { Link } from '../../../components/govuk/link';
import { ScrollRegion } from '../../../components/ScrollRegion';
import { useArea } from '../../../lib/area';
import { usePageTitle } from '../../../lib/title';
import { labelText, useFeedbackList } from '../api/moderation';
import { moderationPaths } from '../paths';

/** Feedback to services: a manager's own services', every one for QA leads. */
export function FeedbackListPage() {
  const { tenant, areaName } = useArea();
  const list = useFeedbackList(tenant);
  usePageTitle(`Feedback to services – ${areaName}`);
  if (list.error) throw list.error;

  return (
    <>
      <h1 className="govuk-heading-l">Feedback to services</h1>
      <p className="govuk-body">
        When an audited plan is rated Requires improvement or Inadequate, each service that
        contributed to it is sent the findings, and its manager records a response and remedial
        actions.
      </p>
      {!list.data ? (
        <p className="govuk-body" role="status">
          Loading…
        </p>
      ) : list.data.items.length === 0 ? (
        <p className="govuk-body">There is no feedback yet.</p>
      ) : (
        <ScrollRegion label="Feedback">
          <Table
            caption="Feedback, newest first"
            captionClasses="govuk-visually-hidden"
            head={[
              { text: 'Plan' },
              { text: 'Service' },
              { text: 'Round' },
              { text: 'Result' },
              { text: 'Status' },
            ]}
            rows={list.data.items.map((f) => [
              { html: <Link href={moderationPaths.feedback(tenant, f.id)}>{f.local_id}</Link> },
              { text: f.service },
              { text: f.round_name },
              { text: labelText(f.overall) },
              { text: f.state === 'answered' ? 'Answered' : 'Awaiting a response' },
            ])}
          />
        </ScrollRegion>
      )}
    </>
  );
}
