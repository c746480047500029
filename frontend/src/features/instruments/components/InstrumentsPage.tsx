import { useState, type FormEvent } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { Button, Link, Pagination, Select, Tag, TextInput } from '../../../components/govuk';
import { filterItems } from '../../../components/filterItems';
import { LoadError } from '../../../components/LoadError';
import { usePageTitle } from '../../../lib/title';
import { useInstruments, type InstrumentFilters } from '../api/instruments';
import { useCanWrite } from './InstrumentActions';
import { importPath, instrumentPath, newInstrumentPath } from './paths';
import { sourceNames, stateNames, stateTagClasses, subjectNames } from './labels';

const pageSize = 20;

/**
 * The instrument library: built-in instruments and the area's own, with
 * search, filters and paging. Filters live in the address, so a filtered
 * list can be bookmarked and the back button undoes a filter.
 */
export function InstrumentsPage() {
  const tenant = useParams().tenant ?? '';
  const [params, setParams] = useSearchParams();
  const canWrite = useCanWrite(tenant);
  usePageTitle('Instrument library');

  const filters = {
    q: params.get('q') ?? '',
    subject: params.get('subject') ?? '',
    source: params.get('source') ?? '',
    state: params.get('state') ?? '',
  };
  const cursor = params.get('cursor') ?? '';
  // Earlier pages' cursors, so "Previous" can go back without the API
  // having to page backwards.
  const back = (params.get('back') ?? '').split(',').filter(Boolean);

  const query: InstrumentFilters = { limit: pageSize };
  if (filters.q) query.q = filters.q;
  if (filters.subject) query.subject = filters.subject as InstrumentFilters['subject'];
  if (filters.source) query.source = filters.source as InstrumentFilters['source'];
  if (filters.state) query.state = filters.state as InstrumentFilters['state'];
  if (cursor) query.cursor = cursor;
  const list = useInstruments(tenant, query);

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
    const search = next.toString();

    return `${location.pathname}${search ? `?${search}` : ''}`;
  };
  const nextCursor = list.data?.next_cursor ?? '';
  const items = list.data?.items ?? [];
  const filtered = Object.values(filters).some(Boolean);

  return (
    <>
      <h1 className="govuk-heading-l">Instrument library</h1>
      <p className="govuk-body">
        Every quality assurance activity is an instrument: a set of questions with a way of judging
        the answers. Built-in instruments follow the SEND quality assurance framework; your area can
        also have its own.
      </p>
      {canWrite && (
        <div className="govuk-button-group">
          <Button href={newInstrumentPath(tenant)} text="Write a new instrument" />
          <Button
            href={importPath(tenant)}
            classes="govuk-button--secondary"
            text="Import an instrument"
          />
        </div>
      )}

      {list.isError && (
        <LoadError
          message={list.error.message}
          description="The library could not be loaded. Try again in a moment."
        />
      )}

      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-third">
          <form onSubmit={apply} role="search" aria-label="Instruments">
            <h2 className="govuk-heading-m">Filter</h2>
            <TextInput
              id="q"
              name="q"
              type="search"
              label={{ text: 'Search titles and descriptions' }}
              value={draft.q}
              onChange={(event) => setDraft({ ...draft, q: event.target.value })}
            />
            <Select
              id="subject"
              name="subject"
              label={{ text: 'What it audits' }}
              items={filterItems(subjectNames, draft.subject)}
              value={draft.subject}
              onChange={(event) => setDraft({ ...draft, subject: event.target.value })}
            />
            <Select
              id="source"
              name="source"
              label={{ text: 'Source' }}
              items={filterItems(sourceNames, draft.source)}
              value={draft.source}
              onChange={(event) => setDraft({ ...draft, source: event.target.value })}
            />
            <Select
              id="state"
              name="state"
              label={{ text: 'State' }}
              items={filterItems(stateNames, draft.state)}
              value={draft.state}
              onChange={(event) => setDraft({ ...draft, state: event.target.value })}
            />
            <Button text="Apply filters" type="submit" classes="govuk-!-margin-bottom-2" />
            {filtered && (
              <p className="govuk-body">
                <Link
                  className="govuk-link"
                  href={location.pathname}
                  onClick={() => setDraft({ q: '', subject: '', source: '', state: '' })}
                >
                  Clear filters
                </Link>
              </p>
            )}
          </form>
        </div>

        <div className="govuk-grid-column-two-thirds">
          <h2 className="govuk-heading-m" aria-live="polite">
            {list.isPending
              ? 'Loading instruments'
              : `${items.length} ${items.length === 1 ? 'instrument' : 'instruments'}${
                  nextCursor || back.length || cursor ? ' on this page' : ''
                }`}
          </h2>
          {!list.isPending && items.length === 0 && (
            <p className="govuk-body">
              No instruments match. Try fewer words, or clear the filters.
            </p>
          )}
          {items.length > 0 && (
            // A list rather than a table: it reflows at 320px without
            // scrolling sideways. Safari drops list semantics from lists
            // styled without bullets unless the role is explicit.
            // eslint-disable-next-line jsx-a11y/no-redundant-roles
            <ul className="govuk-list" role="list">
              {items.map((item) => (
                <li key={item.key} className="govuk-!-margin-bottom-6">
                  <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
                    {/* Another area's instrument, or the area's own, is known
                        by its id: its key may repeat another area's. */}
                    <Link className="govuk-link" href={instrumentPath(tenant, item.id ?? item.key)}>
                      {item.title}
                    </Link>
                  </h3>
                  {item.description && (
                    <p className="govuk-body-s govuk-!-margin-bottom-1">{item.description}</p>
                  )}
                  <p className="govuk-body-s govuk-!-margin-bottom-0">
                    {subjectNames[item.subject] ?? item.subject} ·{' '}
                    {item.owner
                      ? `Shared by ${item.owner.tenant_name}`
                      : (sourceNames[item.source] ?? item.source)}{' '}
                    · version {item.current_version}{' '}
                    <Tag
                      text={stateNames[item.state] ?? item.state}
                      classes={stateTagClasses[item.state]}
                    />
                    {item.newer_version_available && (
                      <>
                        {' '}
                        <Tag
                          text={`Version ${item.shared_version} available; you use ${item.used_version}`}
                          classes="govuk-tag--blue"
                        />
                      </>
                    )}
                  </p>
                </li>
              ))}
            </ul>
          )}
          {(nextCursor || back.length > 0 || cursor) && (
            <Pagination
              landmarkLabel="Pages of instruments"
              previous={
                cursor
                  ? { text: 'Previous page', href: pageHref(back.at(-1) ?? '', back.slice(0, -1)) }
                  : undefined
              }
              next={
                nextCursor
                  ? {
                      text: 'Next page',
                      href: pageHref(nextCursor, cursor ? [...back, cursor] : back),
                    }
                  : undefined
              }
            />
          )}
        </div>
      </div>
    </>
  );
}
