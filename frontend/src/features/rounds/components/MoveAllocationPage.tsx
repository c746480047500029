import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { BackLink, Button, ErrorSummary, Radios, Textarea } from '../../../components/govuk';
import { fieldId, useFormErrors } from '../../../lib/forms';
import { ApiError, networkProblem } from '../../../lib/problem';
import { usePageTitle } from '../../../lib/title';
import { useAllocations, useAuditors, useMoveAllocation } from '../api/rounds';
import { roundPath } from './labels';

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Gives one sampled subject to another auditor, with a reason the trail
 * keeps. Auditors whose service contributed to the subject are not
 * offered.
 */
export function MoveAllocationPage() {
  const { tenant = '', roundId = '', allocationId = '' } = useParams();
  const allocations = useAllocations(tenant, roundId);
  const auditors = useAuditors(tenant);
  const move = useMoveAllocation(tenant);
  const errors = useFormErrors();
  const navigate = useNavigate();
  const [auditorId, setAuditorId] = useState('');
  const [reason, setReason] = useState('');
  const allocation = allocations.data?.items.find((a) => a.id === allocationId);
  usePageTitle(allocation ? `Move ${allocation.local_id}` : 'Move an audit', {
    error: errors.hasErrors,
  });

  if (allocations.isError || auditors.isError) {
    return (
      <ErrorSummary
        errorList={[{ text: 'The audit could not be loaded. Go back and try again.' }]}
      />
    );
  }
  if (!allocation || !auditors.data) return <p className="govuk-body">Loading the audit</p>;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems = [];
    if (!auditorId) problems.push({ field: 'auditor_id', message: 'Choose who takes the audit' });
    if (!reason.trim()) problems.push({ field: 'reason', message: 'Say why the audit moves' });
    if (problems.length > 0 || !allocation) {
      errors.show(problems);

      return;
    }
    try {
      const moved = await move.mutateAsync({ roundId, allocation, auditorId, reason });
      navigate(roundPath(tenant, roundId), {
        state: { flash: `${moved.local_id} is now with ${moved.auditor_name}.` },
      });
    } catch (error) {
      errors.showProblem(error instanceof ApiError ? error.problem : networkProblem, 'auditor_id');
    }
  }

  const others = auditors.data.items.filter((a) => a.person_id !== allocation.auditor_id);
  const conflicted = (services: string[]) =>
    services.some((s) => allocation.contributing_services.some((c) => same(s, c)));
  // Auditors whose service contributed are named, not offered: the
  // server would refuse them.
  const barred = others.filter((a) => conflicted(a.services));
  const items = others
    .filter((a) => !conflicted(a.services))
    .map((a) => ({
      value: a.person_id,
      text: a.name,
      hint: { text: a.services.join('; ') || 'No service recorded' },
    }));

  return (
    <>
      <BackLink href={roundPath(tenant, roundId)} text="Back to the round" />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
          <h1 className="govuk-heading-l">Move {allocation.local_id}</h1>
          <p className="govuk-body">
            It is with {allocation.auditor_name || 'no one'}. Contributing services:{' '}
            {allocation.contributing_services.join('; ') || 'none recorded'}.
          </p>
          <form noValidate onSubmit={(event) => void submit(event)}>
            <Radios
              idPrefix={fieldId('auditor_id')}
              name="auditor_id"
              fieldset={{ legend: { text: 'Who takes it', classes: 'govuk-fieldset__legend--m' } }}
              items={items}
              value={auditorId}
              errorMessage={errors.messageFor('auditor_id')}
              onChange={(event) => setAuditorId(event.target.value)}
            />
            {barred.length > 0 && (
              <p className="govuk-body">
                Cannot take it, because their service contributed:{' '}
                {barred.map((a) => `${a.name} (${a.services.join('; ')})`).join(', ')}.
              </p>
            )}
            <Textarea
              id={fieldId('reason')}
              name="reason"
              label={{ text: 'Why it moves', classes: 'govuk-label--m' }}
              hint={{ text: 'This is kept in the audit trail' }}
              value={reason}
              errorMessage={errors.messageFor('reason')}
              onChange={(event) => setReason(event.target.value)}
            />
            <Button text="Move the audit" disabled={move.isPending} />
          </form>
        </div>
      </div>
    </>
  );
}
