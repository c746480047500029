import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import { BackLink, Button, ErrorSummary, Link, Table, TextInput } from '../../../components/govuk';
import { ScrollRegion } from '../../../components/ScrollRegion';
import { fieldId, useFormErrors } from '../../../lib/forms';
import { useMay } from '../../../lib/permissions';
import { ApiError, networkProblem } from '../../../lib/problem';
import { usePageTitle } from '../../../lib/title';
import { accessExportHref } from '../api/personalData';
import { subjectsQuery, type Subject } from '../api/subjects';
import { kindNames, personalDataPath, subjectPath } from './labels';

/**
 * Answers a subject access request: find the child's record by the local
 * id the council knows them by, then download all sendqa holds about
 * them. Names are sealed, so they cannot be searched.
 */
export function AccessRequestPage() {
  const tenant = useParams().tenant ?? '';
  const errors = useFormErrors();
  const client = useQueryClient();
  const [draft, setDraft] = useState('');
  const [searching, setSearching] = useState(false);
  const [items, setItems] = useState<Subject[]>([]);
  const mayManage = useMay(tenant, 'personal_data:retention');
  usePageTitle('Subject access request', { error: errors.hasErrors });

  async function find(event: FormEvent) {
    event.preventDefault();
    const wanted = draft.trim();
    setItems([]);
    if (!wanted) {
      errors.show([{ field: 'local_id', message: 'Enter the child’s local id' }]);

      return;
    }
    setSearching(true);
    try {
      const found = await client.fetchQuery(subjectsQuery(tenant, { q: wanted, limit: 20 }));
      if (found.items.length === 0) {
        errors.show([
          { field: 'local_id', message: `No record has a local id starting with ${wanted}` },
        ]);
      } else {
        errors.clear();
        setItems(found.items);
      }
    } catch (error) {
      errors.showProblem(error instanceof ApiError ? error.problem : networkProblem, 'local_id');
    } finally {
      setSearching(false);
    }
  }

  return (
    <>
      {mayManage && <BackLink href={personalDataPath(tenant)} text="Children’s personal data" />}
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
          <h1 className="govuk-heading-l">Subject access request</h1>
          <p className="govuk-body">
            A child or their family can ask for everything sendqa holds about the child. Find their
            record by the local id in the council’s case list, then download it as a file to send
            them. The download is recorded in the audit trail.
          </p>
          <form noValidate onSubmit={find} role="search" aria-label="Find a child’s record">
            <TextInput
              id={fieldId('local_id')}
              name="local_id"
              classes="govuk-input--width-20"
              spellcheck={false}
              label={{ text: 'Child’s local id', classes: 'govuk-label--m' }}
              hint={{ text: 'As in the council’s case list, for example WV700000' }}
              value={draft}
              errorMessage={errors.messageFor('local_id')}
              onChange={(event) => setDraft(event.target.value)}
            />
            <Button text="Find the record" disabled={searching} />
          </form>
        </div>
      </div>
      {items.length > 0 && (
        <>
          <h2 className="govuk-heading-m" aria-live="polite">
            {items.length === 1 ? '1 record found' : `${items.length} records found`}
          </h2>
          <ScrollRegion label="Records found">
            <Table
              caption="Records found"
              captionClasses="govuk-visually-hidden"
              firstCellIsHeader
              head={[
                { text: 'Local id' },
                { text: 'Kind' },
                { text: 'Personal details kept' },
                { text: 'Download' },
              ]}
              rows={items.map((s) => [
                {
                  html: (
                    <Link className="govuk-link" href={subjectPath(tenant, s.id)}>
                      {s.local_id}
                    </Link>
                  ),
                },
                { text: kindNames[s.kind] ?? s.kind },
                { text: s.has_personal_data ? 'Yes' : 'No' },
                {
                  html: (
                    <Link className="govuk-link" href={accessExportHref(tenant, s.id)} download>
                      Download <span className="govuk-visually-hidden">the record of</span>{' '}
                      {s.local_id}
                    </Link>
                  ),
                },
              ])}
            />
          </ScrollRegion>
        </>
      )}
    </>
  );
}
