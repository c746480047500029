import { useNavigate, useParams } from 'react-router-dom';
import { Button, ErrorSummary, Link, Table, Tag } from '../../../components/govuk';
import { ScrollRegion } from '../../../components/ScrollRegion';
import { usePageTitle } from '../../../lib/title';
import { useAssignments, useStartResponse, type Assignment } from '../api/audits';
import { auditPaths } from '../paths';
import { formatDate, humanise, statusNames, statusTags } from './labels';

/** The auditor's inbox: what is allocated to them, soonest due first. */
export function InboxPage() {
  const tenant = useParams().tenant ?? '';
  const assignments = useAssignments(tenant);
  const start = useStartResponse(tenant);
  const navigate = useNavigate();
  usePageTitle('Your audits', { error: start.isError });
  const items = [...(assignments.data?.items ?? [])].sort((a, b) =>
    a.due_on.localeCompare(b.due_on),
  );
  const open = (assignment: Assignment) =>
    start.mutate(assignment.allocation_id, {
      onSuccess: (response) => navigate(auditPaths.response(tenant, response.id)),
    });

  return (
    <>
      {start.isError && (
        <ErrorSummary
          errorList={[{ text: start.error.message }]}
          descriptionText="The audit could not be opened. Try again in a moment."
        />
      )}
      <h1 className="govuk-heading-l">Your audits</h1>
      <p className="govuk-body">
        The cases allocated to you, soonest due first. Your answers save as you go, so you can stop
        and carry on later, on this or another device.
      </p>
      <p className="govuk-body">
        <Link className="govuk-link" href={auditPaths.notifications(tenant)}>
          Notifications and e-mail settings
        </Link>
      </p>
      {assignments.isError && (
        <ErrorSummary
          errorList={[{ text: assignments.error.message }]}
          descriptionText="Your audits could not be loaded. Try again in a moment."
        />
      )}
      {assignments.isPending && <p className="govuk-body">Loading your audits</p>}
      {assignments.isSuccess && items.length === 0 && (
        <p className="govuk-body">Nothing is allocated to you at the moment.</p>
      )}
      {items.length > 0 && (
        <ScrollRegion label="Your audits">
          <Table
            caption="Your audits"
            captionClasses="govuk-visually-hidden"
            head={[
              { text: 'Case' },
              { text: 'Round' },
              { text: 'Due' },
              { text: 'Status' },
              { text: 'Action' },
            ]}
            rows={items.map((a) => [
              {
                html: (
                  <>
                    {a.local_id}
                    <span className="govuk-body-s govuk-!-display-block govuk-!-margin-0">
                      {humanise(a.subject_kind)}
                    </span>
                  </>
                ),
              },
              { text: a.round_name },
              { text: formatDate(a.due_on) },
              {
                html: (
                  <>
                    <Tag text={statusNames[a.status]} classes={statusTags[a.status]} />
                    {a.overdue && a.status !== 'submitted' && (
                      <Tag text="Overdue" classes="govuk-tag--red govuk-!-margin-left-1" />
                    )}
                  </>
                ),
              },
              {
                html: (
                  <AssignmentAction
                    tenant={tenant}
                    assignment={a}
                    onStart={open}
                    busy={start.isPending}
                  />
                ),
              },
            ])}
          />
        </ScrollRegion>
      )}
    </>
  );
}

function AssignmentAction(props: {
  tenant: string;
  assignment: Assignment;
  onStart: (a: Assignment) => void;
  busy: boolean;
}) {
  const { assignment: a } = props;
  if (a.response_id && a.status !== 'allocated') {
    return (
      <Link className="govuk-link" href={auditPaths.response(props.tenant, a.response_id)}>
        {a.status === 'submitted' ? 'View' : 'Resume'}
        <span className="govuk-visually-hidden"> the audit of {a.local_id}</span>
      </Link>
    );
  }

  return (
    <Button
      text={`Start`}
      classes="govuk-button--secondary govuk-!-margin-bottom-0"
      disabled={props.busy}
      attributes={{ 'aria-label': `Start the audit of ${a.local_id}` }}
      onClick={() => props.onStart(a)}
    />
  );
}
