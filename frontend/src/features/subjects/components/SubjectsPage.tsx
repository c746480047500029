import { useState, type FormEvent } from 'react';
import { useLocation, useParams, useSearchParams } from 'react-router-dom';
import {
  Button,
  Link,
  NotificationBanner,
  Pagination,
  Select,
  Table,
  TextInput,
} from '../../../components/govuk';
import { filterItems } from '../../../components/filterItems';
import { LoadError } from '../../../components/LoadError';
import { ScrollRegion } from '../../../components/ScrollRegion';
import { findMembership, useSession } from '../../../lib/session';
import { usePageTitle } from '../../../lib/title';
import { exportHref, useSubjects, type SubjectFilters, type SubjectKind } from '../api/subjects';
import { importSubjectsPath, keyStageNames, kindNames, needNames, subjectPath } from './labels';

const pageSize = 50;
const blank = { q: '', kind: '', primary_need: '', key_stage: '', service: '' };

/**
 * The area's subjects, what its audits look at, with filters in the
 * address and an import. The list never shows children's personal data.
 */
export function SubjectsPage() {
  const tenant = useParams().tenant ?? '';
  const [params, setParams] = useSearchParams();
  const flash = (useLocation().state as { flash?: string } | null)?.flash;
  const roles = findMembership(useSession().data, tenant)?.roles ?? [];
  const canImport = roles.includes('qa_lead') || roles.includes('tenant_admin');
  usePageTitle('Subjects');

  const filters = Object.fromEntries(
    Object.keys(blank).map((name) => [name, params.get(name) ?? '']),
  ) as typeof blank;
  const cursor = params.get('cursor') ?? '';
  const back = (params.get('back') ?? '').split(',').filter(Boolean);
  const query: SubjectFilters = { limit: pageSize };
  if (filters.q) query.q = filters.q;
  if (filters.kind) query.kind = filters.kind as SubjectKind;
  if (filters.primary_need) query.primary_need = filters.primary_need;
  if (filters.key_stage) query.key_stage = filters.key_stage as SubjectFilters['key_stage'];
  if (filters.service) query.service = filters.service;
  if (cursor) query.cursor = cursor;
  const list = useSubjects(tenant, query);

  const [draft, setDraft] = useState(filters);
  const apply = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const [name, value] of Object.entries(draft)) if (value) next.set(name, value);
    setParams(next);
  };
  const pageHref = (nextCursor: string, nextBack: string[]) => {
    const next = new URLSearchParams();
    for (const [name, value] of Object.entries(filters)) if (value) next.set(name, value);
    if (nextCursor) next.set('cursor', nextCursor);
    if (nextBack.length) next.set('back', nextBack.join(','));

    return `${location.pathname}?${next.toString()}`;
  };
  const items = list.data?.items ?? [];
  const nextCursor = list.data?.next_cursor ?? '';

  return (
    <>
      {flash && <NotificationBanner type="success" text={flash} />}
      <h1 className="govuk-heading-l">Subjects</h1>
      <p className="govuk-body">
        The plans, cases, advices, providers, settings and services your area audits, each known by
        its local id. Children&apos;s names, dates of birth and NHS numbers are never listed.
      </p>
      <div className="govuk-button-group">
        {canImport && <Button href={importSubjectsPath(tenant)} text="Import subjects" />}
        <Link className="govuk-link" href={exportHref(tenant, query)} download>
          Download these subjects as CSV
        </Link>
      </div>
      {list.isError && (
        <LoadError
          message={list.error.message}
          description="The subjects could not be loaded. Try again in a moment."
        />
      )}
      <form onSubmit={apply} role="search" aria-label="Subjects">
        <h2 className="govuk-heading-m">Filter</h2>
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-third">
            <TextInput
              id="q"
              name="q"
              type="search"
              label={{ text: 'Local id starts with' }}
              value={draft.q}
              onChange={(event) => setDraft({ ...draft, q: event.target.value })}
            />
            <Select
              id="kind"
              name="kind"
              label={{ text: 'Kind' }}
              items={filterItems(kindNames, draft.kind)}
              value={draft.kind}
              onChange={(event) => setDraft({ ...draft, kind: event.target.value })}
            />
          </div>
          <div className="govuk-grid-column-one-third">
            <Select
              id="primary_need"
              name="primary_need"
              label={{ text: 'Primary need' }}
              items={filterItems(needNames, draft.primary_need)}
              value={draft.primary_need}
              onChange={(event) => setDraft({ ...draft, primary_need: event.target.value })}
            />
            <Select
              id="key_stage"
              name="key_stage"
              label={{ text: 'Key stage' }}
              items={filterItems(keyStageNames, draft.key_stage)}
              value={draft.key_stage}
              onChange={(event) => setDraft({ ...draft, key_stage: event.target.value })}
            />
          </div>
          <div className="govuk-grid-column-one-third">
            <TextInput
              id="service"
              name="service"
              label={{ text: 'Contributing service' }}
              value={draft.service}
              onChange={(event) => setDraft({ ...draft, service: event.target.value })}
            />
          </div>
        </div>
        <div className="govuk-button-group">
          <Button text="Apply filters" type="submit" />
          <Link className="govuk-link" href={location.pathname} onClick={() => setDraft(blank)}>
            Clear filters
          </Link>
        </div>
      </form>

      <h2 className="govuk-heading-m" aria-live="polite">
        {list.isPending
          ? 'Loading subjects'
          : `${items.length}${nextCursor ? '+' : ''} ${items.length === 1 ? 'subject' : 'subjects'}`}
      </h2>
      {!list.isPending && items.length === 0 && (
        <p className="govuk-body">No subjects match. Clear the filters or import subjects.</p>
      )}
      {items.length > 0 && (
        <ScrollRegion label="Subjects">
          <Table
            caption="Subjects"
            captionClasses="govuk-visually-hidden"
            firstCellIsHeader
            head={[
              { text: 'Local id' },
              { text: 'Kind' },
              { text: 'Primary need' },
              { text: 'Key stage' },
              { text: 'Setting' },
              { text: 'Contributing services' },
            ]}
            rows={items.map((subject) => [
              {
                html: (
                  <Link className="govuk-link" href={subjectPath(tenant, subject.id)}>
                    {subject.local_id}
                  </Link>
                ),
              },
              { text: kindNames[subject.kind] ?? subject.kind },
              { text: subject.primary_need },
              { text: keyStageNames[subject.key_stage] ?? subject.key_stage },
              { text: subject.setting_name || subject.setting_urn },
              { text: subject.contributing_services.join('; ') },
            ])}
          />
        </ScrollRegion>
      )}
      {(cursor || nextCursor) && (
        <Pagination
          previous={cursor ? { href: pageHref(back.at(-1) ?? '', back.slice(0, -1)) } : undefined}
          next={nextCursor ? { href: pageHref(nextCursor, [...back, cursor]) } : undefined}
        />
      )}
    </>
  );
}
