import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import {
  Button,
  NotificationBanner,
  Select,
  Table,
  Tag,
  TextInput,
} from '../../../components/govuk';
import { CursorPagination } from '../../../components/CursorPagination';
import { ScrollRegion } from '../../../components/ScrollRegion';
import { paths } from '../../../lib/paths';
import { findMembership, useSession, type Role } from '../../../lib/session';
import { usePageTitle } from '../../../lib/title';
import { useArea, useFlash } from '../../../lib/area';
import {
  kindLabel,
  organisationKinds,
  useOrganisations,
  type OrganisationFilter,
} from '../api/organisations';

// The roles the API lets change organisations (organisations:write).
const writers: Role[] = ['tenant_admin', 'qa_lead'];

type Status = 'current' | 'archived' | 'all';

function filterFrom(params: URLSearchParams): OrganisationFilter & { status: Status } {
  const status =
    (['archived', 'all'] as const).find((s) => s === params.get('status')) ?? 'current';

  return {
    kind: params.get('kind') ?? undefined,
    q: params.get('q') ?? undefined,
    cursor: params.get('cursor') ?? undefined,
    archived: status === 'all' ? undefined : status === 'archived',
    status,
  };
}

/** The filter as an address, without empty fields; `cursor` picks a page. */
function searchOf(filter: { kind?: string; q?: string; status: Status }, cursor?: string) {
  const search = new URLSearchParams();
  if (filter.q) search.set('q', filter.q);
  if (filter.kind) search.set('kind', filter.kind);
  if (filter.status !== 'current') search.set('status', filter.status);
  if (cursor) search.set('cursor', cursor);
  const text = search.toString();

  return text ? `?${text}` : '';
}

/** The area's services, teams, schools, settings and providers. */
export function OrganisationsPage() {
  const { tenant, areaName } = useArea();
  const flash = useFlash();
  const [params, setParams] = useSearchParams();
  const filter = filterFrom(params);
  const organisations = useOrganisations(tenant, filter);
  const roles = findMembership(useSession().data, tenant)?.roles ?? [];
  const canWrite = roles.some((role) => writers.includes(role));
  usePageTitle(`Organisations – ${areaName}`);

  if (organisations.error) throw organisations.error;

  const base = paths.organisations(tenant);
  const next = organisations.data?.next_cursor;

  return (
    <>
      {flash && <NotificationBanner type="success" text={flash} />}
      <span className="govuk-caption-l">{areaName}</span>
      <h1 className="govuk-heading-l">Organisations</h1>
      <p className="govuk-body">
        The services, teams, schools, settings and providers that audits and plans refer to.
      </p>
      {canWrite && <Button text="Add an organisation" href={paths.newOrganisation(tenant)} />}
      <FilterForm
        key={params.toString()}
        initial={filter}
        onApply={(chosen) => setParams(new URLSearchParams(searchOf(chosen).slice(1)))}
      />
      {!organisations.data ? (
        <p className="govuk-body" role="status">
          Loading organisations…
        </p>
      ) : organisations.data.items.length === 0 ? (
        <p className="govuk-body" role="status">
          No organisations match.
        </p>
      ) : (
        <ScrollRegion label="Organisations">
          <Table
            caption="Organisations"
            captionClasses="govuk-visually-hidden"
            head={[
              { text: 'Name' },
              { text: 'Kind' },
              { text: 'URN' },
              ...(canWrite ? [{ text: 'Action' }] : []),
            ]}
            rows={organisations.data.items.map((organisation) => [
              {
                html: (
                  <>
                    {organisation.name}
                    {organisation.archived && (
                      <>
                        {' '}
                        <Tag text="Archived" classes="govuk-tag--grey" />
                      </>
                    )}
                  </>
                ),
              },
              { text: kindLabel(organisation.kind) },
              { text: organisation.urn },
              ...(canWrite
                ? [
                    {
                      html: (
                        <Link
                          className="govuk-link"
                          to={paths.organisation(tenant, organisation.id)}
                        >
                          Change <span className="govuk-visually-hidden">{organisation.name}</span>
                        </Link>
                      ),
                    },
                  ]
                : []),
            ])}
          />
        </ScrollRegion>
      )}
      <CursorPagination
        cursor={filter.cursor}
        next={next}
        href={(cursor) => base + searchOf(filter, cursor)}
      />
    </>
  );
}

function FilterForm(props: {
  initial: { kind?: string; q?: string; status: Status };
  onApply: (filter: { kind?: string; q?: string; status: Status }) => void;
}) {
  const [q, setQ] = useState(props.initial.q ?? '');
  const [kind, setKind] = useState(props.initial.kind ?? '');
  const [status, setStatus] = useState<Status>(props.initial.status);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    props.onApply({ q: q.trim() || undefined, kind: kind || undefined, status });
  }

  return (
    <form noValidate onSubmit={submit} aria-label="Filter organisations">
      <h2 className="govuk-heading-m">Filter</h2>
      <TextInput
        id="q"
        name="q"
        label={{ text: 'Name contains', classes: 'govuk-label--s' }}
        classes="govuk-!-width-two-thirds"
        autocomplete="off"
        value={q}
        onChange={(event) => setQ(event.target.value)}
      />
      <Select
        id="kind"
        name="kind"
        label={{ text: 'Kind', classes: 'govuk-label--s' }}
        value={kind}
        items={[
          { value: '', text: 'Any kind' },
          ...Object.entries(organisationKinds).map(([value, text]) => ({ value, text })),
        ]}
        onChange={(event) => setKind(event.target.value)}
      />
      <Select
        id="status"
        name="status"
        label={{ text: 'Show', classes: 'govuk-label--s' }}
        value={status}
        items={[
          { value: 'current', text: 'In use' },
          { value: 'archived', text: 'Archived' },
          { value: 'all', text: 'All' },
        ]}
        onChange={(event) => setStatus(event.target.value as Status)}
      />
      <Button text="Apply filter" classes="govuk-button--secondary" />
    </form>
  );
}
