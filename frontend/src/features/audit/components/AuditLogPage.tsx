import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Button, DateInput, ErrorSummary, Select, Table } from '../../../components/govuk';
import { CursorPagination } from '../../../components/CursorPagination';
import { ScrollRegion } from '../../../components/ScrollRegion';
import { fieldId, useFormErrors } from '../../../lib/forms';
import { paths } from '../../../lib/paths';
import type { FieldProblem } from '../../../lib/problem';
import { usePageTitle } from '../../../lib/title';
import { useMembers } from '../../../lib/members';
import { useArea } from '../../../lib/area';
import { useAuditEvents, type AuditFilter } from '../api/audit';
import { actionLabel, actionLabels, changes, entityLabel, entityLabels } from './auditWords';

const timeFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

interface DateParts {
  day: string;
  month: string;
  year: string;
}

/** The filter as the page's address holds it: days are YYYY-MM-DD. */
interface Chosen {
  entity: string;
  action: string;
  actor: string;
  from: string;
  to: string;
}

const filterNames = ['entity', 'action', 'actor', 'from', 'to'] as const;

function chosenFrom(params: URLSearchParams): Chosen {
  const [entity, action, actor, from, to] = filterNames.map((name) => params.get(name) ?? '');

  return { entity: entity!, action: action!, actor: actor!, from: from!, to: to! };
}

/** A YYYY-MM-DD day as the parts of a date input, or empty parts. */
function partsOf(day: string): DateParts {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);

  return match
    ? { year: match[1]!, month: String(Number(match[2])), day: String(Number(match[3])) }
    : { day: '', month: '', year: '' };
}

/** A real date from its parts as YYYY-MM-DD; '' when all are empty; null when not a date. */
export function dayOf(parts: DateParts): string | null {
  const texts = [parts.year, parts.month, parts.day].map((part) => part.trim());
  if (texts.every((text) => text === '')) return '';
  if (!texts.every((text) => /^\d+$/.test(text))) return null;
  const [year, month, day] = texts.map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1000 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;

  return date.toISOString().slice(0, 10);
}

/** The start of a day in this computer's time zone, as RFC 3339. */
function startOf(day: string, plusDays = 0) {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];

  return new Date(year, month - 1, date + plusDays).toISOString();
}

/** The API's filter: a "to" day includes the whole of that day. */
function apiFilter(chosen: Chosen, cursor: string | null): AuditFilter {
  return {
    entity: chosen.entity || undefined,
    action: chosen.action || undefined,
    actor_id: chosen.actor || undefined,
    from: chosen.from ? startOf(chosen.from) : undefined,
    to: chosen.to ? startOf(chosen.to, 1) : undefined,
    cursor: cursor ?? undefined,
  };
}

function searchOf(chosen: Chosen, cursor?: string) {
  const search = new URLSearchParams();
  for (const name of filterNames) if (chosen[name]) search.set(name, chosen[name]);
  if (cursor) search.set('cursor', cursor);

  return search;
}

/** Who did what to which record in the area, newest first, with filters. */
export function AuditLogPage() {
  const { tenant, areaName } = useArea();
  const [params, setParams] = useSearchParams();
  const chosen = chosenFrom(params);
  const cursor = params.get('cursor');
  const events = useAuditEvents(tenant, apiFilter(chosen, cursor));
  const members = useMembers(tenant);
  const errors = useFormErrors();
  usePageTitle(`Audit trail – ${areaName}`, { error: errors.hasErrors });

  if (events.error) throw events.error;

  const names = new Map(members.data?.items.map((member) => [member.person_id, member.name]));
  const actorName = (id: string | null | undefined) =>
    !id ? 'sendqa' : (names.get(id) ?? 'Someone no longer in this area');
  const base = paths.auditLog(tenant);
  const next = events.data?.next_cursor;

  return (
    <>
      {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
      <span className="govuk-caption-l">{areaName}</span>
      <h1 className="govuk-heading-l">Audit trail</h1>
      <p className="govuk-body">
        Every change to the area&apos;s records, and every time someone saw a child&apos;s details,
        with who did it and when.
      </p>
      <FilterForm
        key={params.toString()}
        initial={chosen}
        actors={members.data?.items.map((m) => ({ value: m.person_id, text: m.name })) ?? []}
        messageFor={errors.messageFor}
        onInvalid={errors.show}
        onApply={(next) => {
          errors.clear();
          setParams(searchOf(next));
        }}
      />
      {!events.data ? (
        <p className="govuk-body" role="status">
          Loading the audit trail…
        </p>
      ) : events.data.items.length === 0 ? (
        <p className="govuk-body" role="status">
          Nothing in the audit trail matches.
        </p>
      ) : (
        <ScrollRegion label="Audit trail">
          <Table
            caption="Audit trail"
            captionClasses="govuk-visually-hidden"
            head={[{ text: 'When' }, { text: 'Who' }, { text: 'What' }, { text: 'Changes' }]}
            rows={events.data.items.map((event) => [
              { text: timeFormat.format(new Date(event.occurred_at)) },
              { text: actorName(event.actor_id) },
              { text: `${actionLabel(event.action)}: ${entityLabel(event.entity)}` },
              {
                html: (
                  <ul className="govuk-list govuk-body-s app-break-words">
                    {changes(event.before, event.after).map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                ),
              },
            ])}
          />
        </ScrollRegion>
      )}
      <CursorPagination
        cursor={cursor}
        next={next}
        href={(cursor) => `${base}?${searchOf(chosen, cursor)}`}
        firstText="Newest"
        nextText="Older"
      />
    </>
  );
}

function FilterForm(props: {
  initial: Chosen;
  actors: Array<{ value: string; text: string }>;
  messageFor: (field: string) => { text: string } | undefined;
  onInvalid: (errors: FieldProblem[]) => void;
  onApply: (chosen: Chosen) => void;
}) {
  const [entity, setEntity] = useState(props.initial.entity);
  const [action, setAction] = useState(props.initial.action);
  const [actor, setActor] = useState(props.initial.actor);
  const [from, setFrom] = useState(partsOf(props.initial.from));
  const [to, setTo] = useState(partsOf(props.initial.to));
  const { messageFor } = props;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problems: FieldProblem[] = [];
    const fromDay = dayOf(from);
    const toDay = dayOf(to);
    if (fromDay === null) {
      problems.push({ field: 'from', message: 'Enter a real date for From, like 1 9 2026' });
    }
    if (toDay === null) {
      problems.push({ field: 'to', message: 'Enter a real date for To, like 31 12 2026' });
    }
    if (fromDay && toDay && toDay < fromDay) {
      problems.push({ field: 'to', message: 'Enter a To date on or after the From date' });
    }
    if (problems.length > 0) {
      props.onInvalid(problems);

      return;
    }
    props.onApply({ entity, action, actor, from: fromDay ?? '', to: toDay ?? '' });
  }

  function dateField(name: 'from' | 'to', legend: string, parts: DateParts, set: typeof setFrom) {
    return (
      <DateInput
        id={`${name}-date`}
        items={[
          // The day box takes the field's id, so the error summary links to it.
          { name: 'day', id: fieldId(name), classes: 'govuk-input--width-2' },
          { name: 'month', classes: 'govuk-input--width-2' },
          { name: 'year', classes: 'govuk-input--width-4' },
        ]}
        namePrefix={name}
        fieldset={{ legend: { text: legend, classes: 'govuk-fieldset__legend--s' } }}
        hint={{ text: 'For example, 27 3 2026' }}
        errorMessage={messageFor(name)}
        values={parts}
        onChange={(part, value) => set({ ...parts, [part]: value })}
      />
    );
  }

  return (
    <form noValidate onSubmit={submit} aria-label="Filter the audit trail">
      <h2 className="govuk-heading-m">Filter</h2>
      <Select
        id="entity"
        name="entity"
        label={{ text: 'Kind of record', classes: 'govuk-label--s' }}
        value={entity}
        items={[
          { value: '', text: 'Any record' },
          ...Object.entries(entityLabels).map(([value, text]) => ({ value, text })),
        ]}
        onChange={(event) => setEntity(event.target.value)}
      />
      <Select
        id="action"
        name="action"
        label={{ text: 'Action', classes: 'govuk-label--s' }}
        value={action}
        items={[
          { value: '', text: 'Any action' },
          ...Object.entries(actionLabels).map(([value, text]) => ({ value, text })),
        ]}
        onChange={(event) => setAction(event.target.value)}
      />
      <Select
        id="actor"
        name="actor"
        label={{ text: 'Who', classes: 'govuk-label--s' }}
        value={actor}
        items={[{ value: '', text: 'Anyone' }, ...props.actors]}
        onChange={(event) => setActor(event.target.value)}
      />
      {dateField('from', 'From', from, setFrom)}
      {dateField('to', 'To', to, setTo)}
      <Button text="Apply filter" classes="govuk-button--secondary" />
    </form>
  );
}
