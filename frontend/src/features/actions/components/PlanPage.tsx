import { useParams } from 'react-router-dom';
import { BackLink, Button, NotificationBanner, SummaryList } from '../../../components/govuk';
import { useArea, useFlash } from '../../../lib/area';
import { usePageTitle } from '../../../lib/title';
import { useActions, usePlan } from '../api/actions';
import { actionPaths } from '../paths';
import { usePlanAccess } from './access';
import { ActionsTable } from './ActionsTable';

/** A service's local plan: who leads it and its actions. */
export function PlanPage() {
  const { tenant, areaName } = useArea();
  const { planId = '' } = useParams();
  const flash = useFlash();
  const plan = usePlan(tenant, planId);
  const actions = useActions(tenant, { plan_id: planId });
  const access = usePlanAccess(tenant);
  const title = plan.data?.title ?? 'Plan';
  usePageTitle(`${title} – ${areaName}`);

  if (plan.error) throw plan.error;
  if (actions.error) throw actions.error;
  if (!plan.data) {
    return (
      <p className="govuk-body" role="status">
        Loading…
      </p>
    );
  }
  const current = plan.data;

  return (
    <>
      {flash && <NotificationBanner type="success" text={flash} />}
      <BackLink href={actionPaths.plan(tenant)} text="Back to the improvement plan" />
      <span className="govuk-caption-l">{current.organisation_name || areaName}</span>
      <h1 className="govuk-heading-l">{current.title}</h1>
      <SummaryList
        rows={[
          {
            key: { text: 'Kind' },
            value: {
              text: current.kind === 'local' ? 'Local plan' : 'Practice improvement plan',
            },
          },
          ...(current.organisation_name
            ? [{ key: { text: 'Service' }, value: { text: current.organisation_name } }]
            : []),
          { key: { text: 'Led by' }, value: { text: current.lead_name || 'No one yet' } },
        ]}
      />
      {access.mayKeep(current) && (
        <Button text="Add an action" href={actionPaths.newAction(tenant, current.id)} />
      )}
      <h2 className="govuk-heading-m">Actions</h2>
      {!actions.data ? (
        <p className="govuk-body" role="status">
          Loading actions…
        </p>
      ) : actions.data.items.length === 0 ? (
        <p className="govuk-body">This plan has no actions yet.</p>
      ) : (
        <ActionsTable tenant={tenant} actions={actions.data.items} showPlan={false} />
      )}
    </>
  );
}
