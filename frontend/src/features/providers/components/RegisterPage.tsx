import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import {
  BackLink,
  Button,
  ErrorSummary,
  Link,
  SummaryList,
  Table,
  TextInput,
} from '../../../components/govuk';
import { ScrollRegion } from '../../../components/ScrollRegion';
import { useArea } from '../../../lib/area';
import { fieldId } from '../../../lib/forms';
import { findMembership, useSession } from '../../../lib/session';
import { usePageTitle } from '../../../lib/title';
import {
  decisionText,
  formatDate,
  stateText,
  useAudits,
  useInviteProvider,
  useOpenAudit,
  useProviderLink,
  useRegister,
} from '../api/providers';
import { providerPaths } from '../paths';
import { RatingTag, useAction } from './shared';

/** Whether the person may invite providers and run audits here. */
export function useManage() {
  const { tenant } = useArea();
  const roles = findMembership(useSession().data, tenant)?.roles ?? [];

  return roles.includes('qa_lead') || roles.includes('tenant_admin');
}

/** The council's register of providers. */
export function RegisterPage() {
  const { tenant, areaName } = useArea();
  usePageTitle(`Alternative provision providers – ${areaName}`);
  const register = useRegister(tenant);
  const manage = useManage();
  if (register.error) throw register.error;

  return (
    <>
      <h1 className="govuk-heading-l">Alternative provision providers</h1>
      <p className="govuk-body">
        Each provider’s current rating, its review date, evidence still to come and challenges
        waiting for an answer.
      </p>
      <ul className="govuk-list">
        {manage && (
          <li>
            <Link href={providerPaths.invite(tenant)}>Invite a provider</Link>
          </li>
        )}
        <li>
          <Link href={providerPaths.shared(tenant)}>Results shared by the region</Link>
        </li>
      </ul>
      {!register.data ? (
        <p className="govuk-body" role="status">
          Loading…
        </p>
      ) : register.data.items.length === 0 ? (
        <p className="govuk-body">No providers yet.</p>
      ) : (
        <ScrollRegion label="Providers">
          <Table
            caption="Providers"
            captionClasses="govuk-visually-hidden"
            head={[
              { text: 'Provider' },
              { text: 'Current rating' },
              { text: 'Review date' },
              { text: 'Evidence outstanding', format: 'numeric' },
              { text: 'Challenges open', format: 'numeric' },
              { text: 'Access' },
            ]}
            rows={register.data.items.map((p) => [
              {
                html: (
                  <Link href={providerPaths.provider(tenant, p.provider_id)}>
                    {p.provider_name}
                  </Link>
                ),
              },
              { html: p.current ? <RatingTag rating={p.current.overall} /> : 'Not yet audited' },
              { text: p.current ? formatDate(p.current.review_on) : '' },
              { text: String(p.evidence_outstanding), format: 'numeric' },
              { text: String(p.challenges_open), format: 'numeric' },
              { text: p.state === 'active' ? `Until ${formatDate(p.access_until)}` : 'Ended' },
            ])}
          />
        </ScrollRegion>
      )}
    </>
  );
}

/** Invites a provider's contact by e-mail and puts the provider on the register. */
export function InviteProviderPage() {
  const { tenant, areaName } = useArea();
  usePageTitle(`Invite a provider – ${areaName}`);
  const invite = useInviteProvider(tenant);
  const navigate = useNavigate();
  const { errors, run } = useAction('', 'name');
  const [fields, setFields] = useState({ name: '', contact_name: '', contact_email: '' });

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    let id = '';
    const ok = await run(async () => {
      id = (await invite.mutateAsync(fields)).provider_id;
    });
    if (ok) navigate(providerPaths.provider(tenant, id));
  }

  const field = (name: keyof typeof fields, label: string, hint?: string) => (
    <TextInput
      id={fieldId(name)}
      name={name}
      label={{ text: label, classes: 'govuk-label--s' }}
      hint={hint ? { text: hint } : undefined}
      value={fields[name]}
      errorMessage={errors.messageFor(name)}
      onChange={(event) => setFields({ ...fields, [name]: event.target.value })}
    />
  );

  return (
    <>
      <BackLink href={providerPaths.register(tenant)} text="Back to providers" />
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
        <h1 className="govuk-heading-l">Invite a provider</h1>
        <p className="govuk-body">
          The contact gets an e-mail with a link to sign in. A provider already known to another
          council in your region keeps its one account and its people.
        </p>
        {field('name', 'Provider’s name')}
        {field('contact_name', 'Contact’s name')}
        {field('contact_email', 'Contact’s e-mail address', 'We send the invitation here')}
        <Button type="submit" text="Send the invitation" disabled={invite.isPending} />
      </form>
    </>
  );
}

/** One provider: its audits here, and a form to open one. */
export function ProviderPage() {
  const { tenant, areaName } = useArea();
  const { providerId = '' } = useParams();
  const link = useProviderLink(tenant, providerId);
  const audits = useAudits(tenant, providerId);
  const manage = useManage();
  usePageTitle(`${link.data?.provider_name ?? 'Provider'} – ${areaName}`);
  if (link.error) throw link.error;
  if (!link.data) {
    return (
      <p className="govuk-body" role="status">
        Loading…
      </p>
    );
  }
  const p = link.data;

  return (
    <>
      <BackLink href={providerPaths.register(tenant)} text="Back to providers" />
      <h1 className="govuk-heading-l">{p.provider_name}</h1>
      <SummaryList
        rows={[
          { key: { text: 'Contact' }, value: { text: p.contact_email } },
          {
            key: { text: 'Access' },
            value: { text: p.state === 'active' ? `Until ${formatDate(p.access_until)}` : 'Ended' },
          },
          {
            key: { text: 'Current rating' },
            value: {
              html: p.current ? (
                <>
                  <RatingTag rating={p.current.overall} /> {decisionText[p.current.decision]},
                  review by {formatDate(p.current.review_on)}
                </>
              ) : (
                'Not yet audited'
              ),
            },
          },
        ]}
      />
      <h2 className="govuk-heading-m">Audits</h2>
      {audits.data && audits.data.items.length > 0 ? (
        <ul className="govuk-list">
          {audits.data.items.map((a) => (
            <li key={a.id}>
              <Link href={providerPaths.audit(tenant, a.id)}>
                Audit opened {formatDate(a.created_at)}
              </Link>{' '}
              – {stateText[a.state]}
            </li>
          ))}
        </ul>
      ) : (
        <p className="govuk-body">No audits yet.</p>
      )}
      {manage && p.state === 'active' && p.audits_in_progress === 0 && (
        <OpenAuditForm tenant={tenant} providerId={providerId} />
      )}
    </>
  );
}

function OpenAuditForm({ tenant, providerId }: { tenant: string; providerId: string }) {
  const open = useOpenAudit(tenant);
  const navigate = useNavigate();
  const { errors, run } = useAction('', 'evidence_due_on');
  const [due, setDue] = useState('');

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    let id = '';
    const ok = await run(async () => {
      id = (await open.mutateAsync({ provider_id: providerId, evidence_due_on: due })).id;
    });
    if (ok) navigate(providerPaths.audit(tenant, id));
  }

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate>
      {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
      <h2 className="govuk-heading-m">Open an audit</h2>
      <p className="govuk-body">
        The provider is asked for a statement and evidence on each of the quality standards.
      </p>
      <TextInput
        id={fieldId('evidence_due_on')}
        name="evidence_due_on"
        classes="govuk-input--width-10"
        label={{ text: 'Evidence due by', classes: 'govuk-label--s' }}
        hint={{ text: 'As year, month and day, for example 2027-01-15' }}
        value={due}
        errorMessage={errors.messageFor('evidence_due_on')}
        onChange={(event) => setDue(event.target.value)}
      />
      <Button type="submit" text="Open the audit" disabled={open.isPending} />
    </form>
  );
}
