import { useParams } from 'react-router-dom';
import { BackLink, Button, Link, SummaryList, Tag } from '../../../components/govuk';
import { ApiError } from '../../../lib/problem';
import { usePageTitle } from '../../../lib/title';
import { exportHref, useInstrument } from '../api/instrument';
import {
  describeCondition,
  describeDue,
  describeRule,
  humanise,
  kindNames,
} from '../../../lib/instrument/describe';
import { choicesOf } from '../../../lib/instrument/engine';
import type { Definition, Item } from '../../../lib/instrument/types';
import { Origin, OwnActions, SharedUse, Sharing, useCanWrite } from './InstrumentActions';
import { adoptPath, editPath, instrumentsPath, previewPath } from './paths';
import { sourceNames, stateNames, stateTagClasses, subjectNames } from './labels';

/**
 * One instrument: what it audits, its sections and questions with when
 * each is asked, its scoring rule in words, and its versions.
 */
export function InstrumentPage() {
  const params = useParams();
  const tenant = params.tenant ?? '';
  const key = params.key ?? '';
  const instrument = useInstrument(tenant, key);
  const canWrite = useCanWrite(tenant);
  usePageTitle(instrument.data?.title ?? 'Instrument');

  if (instrument.isError) {
    if (instrument.error instanceof ApiError && instrument.error.status === 404) {
      throw new Response('Not found', { status: 404 });
    }
    throw instrument.error;
  }
  if (!instrument.data) return <p className="govuk-body">Loading the instrument…</p>;

  const data = instrument.data;
  const def = data.definition;

  return (
    <>
      <BackLink href={instrumentsPath(tenant)} text="Instrument library" />
      <span className="govuk-caption-l">{subjectNames[data.subject] ?? data.subject}</span>
      <h1 className="govuk-heading-l">{data.title}</h1>
      {data.description && <p className="govuk-body-l">{data.description}</p>}
      <Origin instrument={data} />

      <div className="govuk-button-group">
        <Button href={previewPath(tenant, key, data.current_version)} text="Preview the form" />
        <a
          className="govuk-link"
          href={exportHref(tenant, key, data.current_version)}
          download={`${data.key}-v${data.current_version}.json`}
        >
          Export version {data.current_version} as JSON
        </a>
      </div>

      <SummaryList
        rows={[
          { key: { text: 'Key' }, value: { text: data.key } },
          {
            key: { text: 'Source' },
            value: {
              text: data.owner
                ? `Shared by ${data.owner.tenant_name}`
                : (sourceNames[data.source] ?? data.source),
            },
          },
          {
            key: { text: 'Current version' },
            value: {
              html: (
                <>
                  {data.current_version}{' '}
                  <Tag
                    text={stateNames[data.state] ?? data.state}
                    classes={stateTagClasses[data.state]}
                  />
                </>
              ),
            },
          },
          {
            key: { text: 'Completed by' },
            value: { text: data.completed_by.map(humanise).join(', ') },
          },
          {
            key: { text: 'Personal data' },
            value: {
              text:
                data.personal_items.length > 0
                  ? `${data.personal_items.length} ${data.personal_items.length === 1 ? 'question asks' : 'questions ask'} for personal data, shown only to roles allowed to see it`
                  : 'None',
            },
          },
        ]}
      />

      {data.source === 'own' && canWrite && (
        <>
          <OwnActions tenant={tenant} instrumentRef={key} instrument={data} />
          <Sharing tenant={tenant} instrumentRef={key} instrument={data} />
        </>
      )}
      {data.source === 'built_in' && canWrite && (
        <p className="govuk-body">
          <Link className="govuk-link" href={adoptPath(tenant, key)}>
            Adopt a copy to change as your area’s own
          </Link>
        </p>
      )}
      {data.source === 'shared' && (
        <SharedUse tenant={tenant} instrumentRef={key} instrument={data} />
      )}

      <h2 className="govuk-heading-m">How it is scored</h2>
      <p className="govuk-body">
        <strong>Overall:</strong> {describeRule(def.scoring.overall)}
      </p>
      {def.scoring.sections && (
        <p className="govuk-body">
          <strong>Each section:</strong> {describeRule(def.scoring.sections)}
        </p>
      )}
      {def.follow_up && (
        <p className="govuk-body">
          <strong>After a poor result</strong> (
          {def.follow_up.poor_labels.map(humanise).join(' or ')}):{' '}
          {def.follow_up.description ?? humanise(def.follow_up.action)}
        </p>
      )}
      <p className="govuk-body-s">Rule version {def.scoring.rule_version}.</p>

      <h2 className="govuk-heading-m">Sections and questions</h2>
      {def.sections.map((section, s) => (
        <section
          key={section.id}
          aria-labelledby={`section-${section.id}`}
          className="govuk-!-margin-bottom-8"
        >
          <h3 className="govuk-heading-m" id={`section-${section.id}`}>
            {s + 1}. {section.title}
          </h3>
          {section.guidance && <p className="govuk-body">{section.guidance}</p>}
          {section.easy_read && (
            <p className="govuk-body">
              <strong>Easy read:</strong> {section.easy_read}
            </p>
          )}
          {section.applies_when && (
            <p className="govuk-inset-text">
              Asked only when {describeCondition(def, section.applies_when)}.
            </p>
          )}
          {section.rule && (
            <p className="govuk-body">
              <strong>Section result:</strong> {describeRule(section.rule)}
            </p>
          )}
          <ol className="govuk-list govuk-list--number">
            {section.items.map((item) => (
              <ItemDescription key={item.id} def={def} item={item} />
            ))}
          </ol>
        </section>
      ))}

      <h2 className="govuk-heading-m">Versions</h2>
      <p className="govuk-body">
        A published version never changes. Questions keep their ids across versions, so answers from
        several versions line up in one export.
      </p>
      <SummaryList
        rows={data.versions.map((version) => ({
          key: { text: `Version ${version.number}` },
          value: {
            html: (
              <>
                <Tag
                  text={stateNames[version.state] ?? version.state}
                  classes={stateTagClasses[version.state]}
                />{' '}
                {version.published_at && `published ${formatWhen(version.published_at)}; `}
                rule {version.rule_version}
              </>
            ),
          },
          actions: {
            items: [
              ...(version.state === 'draft' && data.source === 'own' && canWrite
                ? [
                    {
                      href: editPath(tenant, key, version.number),
                      text: 'Edit',
                      visuallyHiddenText: `version ${version.number}`,
                    },
                  ]
                : []),
              {
                href: previewPath(tenant, key, version.number),
                text: 'Preview',
                visuallyHiddenText: `version ${version.number}`,
              },
              {
                href: exportHref(tenant, key, version.number),
                text: 'Export',
                visuallyHiddenText: `version ${version.number} as JSON`,
                // A download from the API, not a page of the app: the
                // router must let the browser follow it.
                attributes: {
                  reloadDocument: true,
                  download: `${data.key}-v${version.number}.json`,
                },
              },
            ],
          },
        }))}
      />
    </>
  );
}

function formatWhen(iso: string) {
  const date = new Date(iso);

  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
}

function ItemDescription({ def, item }: { def: Definition; item: Item }) {
  const choices = choicesOf(item);
  const facts = [
    kindNames[item.kind],
    item.required ? 'required' : 'optional',
    item.kind === 'personal'
      ? `personal data (${humanise(item.personal_kind ?? 'identifier').toLowerCase()})`
      : '',
  ].filter(Boolean);

  return (
    <li className="govuk-!-margin-bottom-4">
      <span className="govuk-!-font-weight-bold">{item.label}</span>
      <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-1">
        {facts.join(' · ')}
      </span>
      {item.guidance && (
        <span className="govuk-hint govuk-!-display-block govuk-!-margin-bottom-1">
          {item.guidance}
        </span>
      )}
      {item.easy_read && (
        <span className="govuk-body-s govuk-!-display-block">
          <strong>Easy read:</strong> {item.easy_read}
        </span>
      )}
      {item.applies_when && (
        <span className="govuk-body-s govuk-!-display-block">
          <strong>Asked only when</strong> {describeCondition(def, item.applies_when)}.
        </span>
      )}
      {choices.length > 0 && (
        <span className="govuk-body-s govuk-!-display-block">
          <strong>Answers:</strong>{' '}
          {choices
            .map((choice) =>
              choice.value === undefined ? choice.label : `${choice.label} (${choice.value})`,
            )
            .join(', ')}
        </span>
      )}
      {item.milestone && (
        <span className="govuk-body-s govuk-!-display-block">
          <strong>Due</strong> {describeDue(def, item.milestone.due)}
          {item.milestone.cap && <>, and no later than {describeDue(def, item.milestone.cap)}</>}
          {'. '}
          {item.milestone.statutory
            ? `Statutory${item.milestone.legal_reference ? ` (${item.milestone.legal_reference})` : ''}.`
            : 'A local target.'}
        </span>
      )}
      {item.compute && (
        <span className="govuk-body-s govuk-!-display-block">
          <strong>Worked out as</strong> {humanise(item.compute.func).toLowerCase()} from{' '}
          {def.sections
            .flatMap((section) => section.items)
            .find((other) => other.id === item.compute?.from)?.label ?? item.compute.from}
          {item.compute.to ? '' : ' to the date of the audit'}.
        </span>
      )}
    </li>
  );
}
