import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { BackLink, Button, ErrorSummary, Textarea } from '../../../components/govuk';
import { useFormErrors } from '../../../lib/forms';
import { ApiError } from '../../../lib/problem';
import { usePageTitle } from '../../../lib/title';
import { useReopenResponse, useResponse } from '../api/audits';
import { auditPaths } from '../paths';

/** A QA lead sends a submitted audit back to its auditor, saying why. */
export function ReopenPage() {
  const params = useParams();
  const tenant = params.tenant ?? '';
  const id = params.responseId ?? '';
  const response = useResponse(tenant, id);
  const reopen = useReopenResponse(tenant);
  const errors = useFormErrors();
  const navigate = useNavigate();
  const [reason, setReason] = useState('');
  usePageTitle('Reopen the audit', { error: errors.hasErrors });

  if (response.isError) {
    if (response.error instanceof ApiError && response.error.status === 404) {
      throw new Response('Not found', { status: 404 });
    }
    throw response.error;
  }
  if (!response.data) return <p className="govuk-body">Loading the audit…</p>;
  const audit = response.data;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      errors.show([{ field: 'reason', message: 'Enter why the audit is reopened' }]);

      return;
    }
    reopen.mutate(
      { id, version: audit.version, reason: reason.trim() },
      {
        onSuccess: () => navigate(auditPaths.response(tenant, id)),
        onError: (error) =>
          error instanceof ApiError
            ? errors.showProblem(error.problem, 'reason')
            : errors.show([{ field: 'reason', message: error.message }]),
      },
    );
  };

  return (
    <>
      <BackLink href={auditPaths.response(tenant, id)} text={`Audit of ${audit.local_id}`} />
      {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
      <span className="govuk-caption-l">{audit.local_id}</span>
      <h1 className="govuk-heading-l">Reopen the audit</h1>
      {audit.state !== 'submitted' ? (
        <p className="govuk-body">This audit is a draft already: there is nothing to reopen.</p>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <p className="govuk-body">
            {audit.auditor_name} will be told, and can change the answers and submit again. Its
            result is withdrawn until then. The reason is kept in the audit trail.
          </p>
          <Textarea
            id="reason"
            name="reason"
            label={{ text: 'Why is it reopened?', classes: 'govuk-label--s' }}
            hint={{ text: 'The auditor sees this. Do not include the child’s name.' }}
            errorMessage={errors.messageFor('reason')}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
          <Button type="submit" text="Reopen the audit" disabled={reopen.isPending} />
        </form>
      )}
    </>
  );
}
