import { Link, useNavigate, useParams } from 'react-router-dom';
import { BackLink, Button, ErrorSummary } from '../../../components/govuk';
import { useFormErrors } from '../../../lib/forms';
import { ApiError, networkProblem } from '../../../lib/problem';
import { usePageTitle } from '../../../lib/title';
import { usePurge, useRetention } from '../api/personalData';
import { personalDataPath } from './labels';
import { periodText } from './RetentionPage';

/** Asks before removing the personal data past its period, then removes it. */
export function PurgePage() {
  const tenant = useParams().tenant ?? '';
  const retention = useRetention(tenant);
  const purge = usePurge(tenant);
  const errors = useFormErrors();
  const navigate = useNavigate();
  usePageTitle('Remove personal data', { error: errors.hasErrors });

  if (retention.isError) throw retention.error;
  if (!retention.data) {
    return (
      <p className="govuk-body" role="status">
        Loading…
      </p>
    );
  }
  const period = periodText(retention.data.retention_days);

  async function confirm() {
    try {
      const done = await purge.mutateAsync();
      navigate(personalDataPath(tenant), {
        state: {
          flash:
            done.subjects === 0
              ? 'No personal data was past its period, so nothing was removed.'
              : `The personal data of ${done.subjects} ${done.subjects === 1 ? 'child' : 'children'} has been removed, with ${done.trail_events} audit trail entries.`,
        },
      });
    } catch (error) {
      errors.showProblem(error instanceof ApiError ? error.problem : networkProblem);
    }
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={personalDataPath(tenant)} text="Children’s personal data" />
        {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
        <h1 className="govuk-heading-l">
          Are you sure you want to remove personal data past its period now?
        </h1>
        <p className="govuk-body">
          Names, dates of birth and NHS numbers imported more than {period} ago will be removed from
          the records and from the audit trail. This cannot be undone: to get them back, the case
          list must be imported again.
        </p>
        <p className="govuk-body">The records stay, known by their local id.</p>
        <div className="govuk-button-group">
          <Button
            type="button"
            text="Yes, remove it"
            classes="govuk-button--warning"
            disabled={purge.isPending}
            onClick={() => void confirm()}
          />
          <Link className="govuk-link" to={personalDataPath(tenant)}>
            No, keep it for now
          </Link>
        </div>
      </div>
    </div>
  );
}
