import { useParams } from 'react-router-dom';
import {
  BackLink,
  Button,
  Link,
  SummaryList,
  type SummaryListProps,
} from '../../../components/govuk';
import { LoadError } from '../../../components/LoadError';
import { useMay } from '../../../lib/permissions';
import { usePageTitle } from '../../../lib/title';
import { accessExportHref, useRevealPersonal, useSubject } from '../api/personalData';
import type { Subject } from '../api/subjects';
import { keyStageNames, kindNames, needNames, subjectsPath } from './labels';

type Rows = SummaryListProps['rows'];

/**
 * One subject: what it is, where, and which services contributed to it.
 * A child's personal details show only to a role allowed to see them, and
 * only when asked for, as each view is written to the audit trail.
 */
export function SubjectPage() {
  const { tenant = '', subjectId = '' } = useParams();
  const subject = useSubject(tenant, subjectId);
  const mayExport = useMay(tenant, 'personal_data:access_request');
  usePageTitle(subject.data ? `Subject ${subject.data.local_id}` : 'Subject');

  if (subject.isError) throw subject.error;
  if (!subject.data) {
    return (
      <p className="govuk-body" role="status">
        Loading the subject…
      </p>
    );
  }
  const s = subject.data;

  return (
    <>
      <BackLink href={subjectsPath(tenant)} text="Back to subjects" />
      <span className="govuk-caption-l">{kindNames[s.kind] ?? s.kind}</span>
      <h1 className="govuk-heading-l">{s.local_id}</h1>
      <SummaryList rows={attributeRows(s)} />
      <h2 className="govuk-heading-m">Contributing services</h2>
      {s.contributing_services.length > 0 ? (
        <ul className="govuk-list govuk-list--bullet">
          {s.contributing_services.map((service) => (
            <li key={service}>{service}</li>
          ))}
        </ul>
      ) : (
        <p className="govuk-body">None recorded.</p>
      )}
      <h2 className="govuk-heading-m">The child’s personal details</h2>
      <PersonalDetails tenant={tenant} subject={s} />
      {mayExport && (
        <>
          <h2 className="govuk-heading-m">Subject access request</h2>
          <p className="govuk-body">
            <Link className="govuk-link" href={accessExportHref(tenant, s.id)} download>
              Download everything sendqa holds about {s.local_id}
            </Link>{' '}
            (JSON), for a request from the child or their family. The download is recorded in the
            audit trail.
          </p>
        </>
      )}
    </>
  );
}

function attributeRows(s: Subject): Rows {
  const row = (key: string, value: string | null | undefined) => ({
    key: { text: key },
    value: { text: value || 'Not recorded' },
  });
  const amended = s.amended === null || s.amended === undefined ? '' : s.amended ? 'Yes' : 'No';

  return [
    row('Primary need', needNames[s.primary_need] ?? s.primary_need),
    row(
      'Setting',
      [s.setting_name, s.setting_urn && `URN ${s.setting_urn}`].filter(Boolean).join(', '),
    ),
    row('Type of setting', s.setting_type),
    row('National curriculum year', s.ncy),
    row('Key stage', keyStageNames[s.key_stage] ?? s.key_stage),
    row('Plan issued on', s.issued_on),
    row('Amended since issue', amended),
  ];
}

function PersonalDetails(props: { tenant: string; subject: Subject }) {
  const mayRead = useMay(props.tenant, 'personal_data:read');
  const reveal = useRevealPersonal(props.tenant, props.subject.id);

  if (!props.subject.has_personal_data) {
    return (
      <p className="govuk-body">
        sendqa keeps none: no instrument your area uses asks for them, so the import did not keep
        them.
      </p>
    );
  }
  if (!mayRead) {
    return (
      <p className="govuk-body">
        sendqa keeps some for this child, but your role may not see them.
      </p>
    );
  }
  if (reveal.data) {
    return (
      <SummaryList
        rows={[
          { key: { text: 'Name' }, value: { text: reveal.data.name || 'Not recorded' } },
          {
            key: { text: 'Date of birth' },
            value: { text: reveal.data.date_of_birth || 'Not recorded' },
          },
          {
            key: { text: 'NHS number' },
            value: { text: reveal.data.nhs_number || 'Not recorded' },
          },
        ]}
      />
    );
  }

  return (
    <>
      {reveal.isError && (
        <LoadError message={reveal.error.message} description="The details could not be shown." />
      )}
      <p className="govuk-body">
        Only look at them when your work needs them. Each time they are shown, the audit trail
        records who saw them and when.
      </p>
      <Button
        type="button"
        text="Show the child’s details"
        classes="govuk-button--secondary"
        disabled={reveal.isPending}
        onClick={() => reveal.mutate()}
      />
    </>
  );
}
