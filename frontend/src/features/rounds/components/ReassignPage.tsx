import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { BackLink, Button, ErrorSummary, Radios, Textarea } from '../../../components/govuk';
import { fieldId, useFormErrors } from '../../../lib/forms';
import { ApiError, networkProblem } from '../../../lib/problem';
import { usePageTitle } from '../../../lib/title';
import { useReassignLeaver, useRound } from '../api/rounds';
import { roundPath } from './labels';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Hands every unsubmitted audit of an auditor who left to the rest of the
 * round's cohort, each to the least loaded auditor free of conflict, with
 * a reason the trail keeps. The leaver then counts as left in the round.
 */
export function ReassignPage() {
  const { tenant = '', roundId = '' } = useParams();
  const round = useRound(tenant, roundId);
  const reassign = useReassignLeaver(tenant);
  const errors = useFormErrors();
  const navigate = useNavigate();
  const [auditorId, setAuditorId] = useState('');
  const [reason, setReason] = useState('');
  usePageTitle('Reassign a leaver’s audits', { error: errors.hasErrors });

  if (round.isError) throw round.error;
  if (!round.data) {
    return (
      <p className="govuk-body" role="status">
        Loading the round…
      </p>
    );
  }
  const r = round.data;
  const cohort = (r.progress?.by_auditor ?? []).filter((a) => !a.left);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems = [];
    if (!auditorId) problems.push({ field: 'auditor_id', message: 'Choose the auditor who left' });
    if (!reason.trim()) problems.push({ field: 'reason', message: 'Say why their audits move' });
    if (problems.length > 0) {
      errors.show(problems);

      return;
    }
    const leaver = cohort.find((a) => a.person_id === auditorId)?.name ?? 'the auditor';
    try {
      const out = await reassign.mutateAsync({ roundId, auditorId, reason: reason.trim() });
      navigate(roundPath(tenant, roundId), {
        state: {
          flash:
            `${plural(out.moved, 'audit', 'audits')} of ${leaver} moved to the rest of the cohort` +
            (out.unallocated > 0
              ? `; ${out.unallocated} could not be given to anyone without a conflict and wait to be allocated.`
              : '.'),
        },
      });
    } catch (error) {
      errors.showProblem(error instanceof ApiError ? error.problem : networkProblem, 'auditor_id');
    }
  }

  return (
    <>
      <BackLink href={roundPath(tenant, roundId)} text="Back to the round" />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
          <span className="govuk-caption-l">{r.name}</span>
          <h1 className="govuk-heading-l">Reassign a leaver’s audits</h1>
          <p className="govuk-body">
            When an auditor leaves or can no longer audit, their audits not yet submitted go to the
            rest of the cohort: each to whoever has the fewest, never to someone whose service
            contributed. Submitted audits stay theirs.
          </p>
          {cohort.length === 0 ? (
            <p className="govuk-body">
              No one in this round has audits to hand on: allocate the round first.
            </p>
          ) : (
            <form noValidate onSubmit={(event) => void submit(event)}>
              <Radios
                idPrefix={fieldId('auditor_id')}
                name="auditor_id"
                fieldset={{
                  legend: { text: 'Who left?', classes: 'govuk-fieldset__legend--m' },
                }}
                items={cohort.map((a) => ({
                  value: a.person_id,
                  text: a.name,
                  hint: {
                    text:
                      `${plural(a.allocated - a.submitted, 'audit', 'audits')} to hand on` +
                      ` · ${a.services.join('; ') || 'no service recorded'}`,
                  },
                }))}
                value={auditorId}
                errorMessage={errors.messageFor('auditor_id')}
                onChange={(event) => setAuditorId(event.target.value)}
              />
              <Textarea
                id={fieldId('reason')}
                name="reason"
                label={{ text: 'Why their audits move', classes: 'govuk-label--m' }}
                hint={{ text: 'For example, left the council. This is kept in the audit trail.' }}
                value={reason}
                errorMessage={errors.messageFor('reason')}
                onChange={(event) => setReason(event.target.value)}
              />
              <Button text="Reassign their audits" disabled={reassign.isPending} />
            </form>
          )}
        </div>
      </div>
    </>
  );
}
