import { Link } from 'react-router-dom';
import { Table, Tag } from '../../../components/govuk';
import { ScrollRegion } from '../../../components/ScrollRegion';
import { ragTags, statuses, type Action } from '../api/actions';
import { actionPaths } from '../paths';

/** A date as people write it: 1 December 2026. */
export function longDate(iso: string) {
  return new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

export function RagTag({ rag }: { rag: Action['rag'] }) {
  return <Tag {...ragTags[rag]} />;
}

/** Actions with their RAG rating, owner, due date and whether they are late. */
export function ActionsTable(props: { tenant: string; actions: Action[]; showPlan: boolean }) {
  return (
    <ScrollRegion label="Actions">
      <Table
        caption="Actions"
        captionClasses="govuk-visually-hidden"
        head={[
          { text: 'Action' },
          ...(props.showPlan ? [{ text: 'Plan' }] : []),
          { text: 'Owner' },
          { text: 'Due' },
          { text: 'Status' },
          { text: 'RAG' },
        ]}
        rows={props.actions.map((action) => [
          {
            html: (
              <Link className="govuk-link" to={actionPaths.action(props.tenant, action.id)}>
                {action.title}
              </Link>
            ),
          },
          ...(props.showPlan
            ? [{ text: action.plan.organisation_name || 'Practice improvement plan' }]
            : []),
          { text: action.owner_name },
          {
            html: (
              <>
                {longDate(action.due_on)}
                {action.overdue && (
                  <>
                    {' '}
                    <Tag text="Overdue" classes="govuk-tag--red" />
                  </>
                )}
              </>
            ),
          },
          { text: statuses[action.status] },
          { html: <RagTag rag={action.rag} /> },
        ])}
      />
    </ScrollRegion>
  );
}
