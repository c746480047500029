import { useState, type ReactNode } from 'react';
import {
  Checkboxes,
  DateInput,
  FileUpload,
  Radios,
  Select,
  Tag,
  TextInput,
  Textarea,
} from '../govuk';
import { fieldId } from '../../lib/forms';
import { describeDue } from '../../lib/instrument/describe';
import { choicesOf } from '../../lib/instrument/engine';
import type {
  Answer,
  Definition,
  EvidenceAnswer,
  Item,
  MilestoneAnswer,
} from '../../lib/instrument/types';
import { fromParts, toParts, type DateParts } from './dateParts';
import { Face, isFace } from './Face';

export interface MilestoneStatus {
  due: string;
  status: string;
  days_late: number;
}

export interface ItemFieldProps {
  def: Definition;
  item: Item;
  answer: Answer | undefined;
  onAnswer: (id: string, answer: Answer | undefined) => void;
  /** The inline error for a path under this item, from the last submit. */
  errorFor: (path: string) => { text: string } | undefined;
  computed?: number;
  milestone?: MilestoneStatus;
  organisations: Array<{ id: string; name: string }>;
  /**
   * Draws an evidence question where files are really uploaded; without
   * it, the question only notes file names, as a preview does.
   */
  renderEvidence?: (props: ItemFieldProps) => ReactNode;
  /**
   * Asks the question in its easy-read words, as the page's heading when
   * it is the only question on a screen, and draws a picture scale's
   * faces beside each option's words.
   */
  easyRead?: boolean;
}

export const exceptionNames: Record<string, string> = {
  school_closure:
    'Advice was asked of a school or early years setting from a week before a closure of at least 4 weeks until a week before it reopened',
  personal_circumstances: 'Exceptional personal circumstances of the child or family',
  away_from_area: 'The child or family was away from the area for at least 4 weeks',
  missed_appointment: 'The child’s parent or the young person missed an appointment',
};

export const statusNames: Record<string, string> = {
  on_time: 'On time',
  late: 'Late',
  missing: 'Missing',
  excused: 'Excused',
  not_due: 'Not due yet',
  unknown: 'Due date not known yet',
};

/** The hint of a question: its guidance and its easy-read wording. */
function hintOf(item: Item, extra?: ReactNode) {
  if (!item.guidance && !item.easy_read && !extra) return undefined;

  return {
    html: (
      <>
        {item.guidance}
        {item.easy_read && (
          <span className="govuk-!-display-block govuk-!-margin-top-1">
            <strong>Easy read:</strong> {item.easy_read}
          </span>
        )}
        {extra}
      </>
    ),
  };
}

function personalLabel(item: Item): ReactNode {
  return (
    <>
      {item.label} <Tag text="Personal data" classes="govuk-tag--purple govuk-!-margin-left-1" />
    </>
  );
}

function formatDay(iso: string) {
  const date = new Date(`${iso}T00:00:00Z`);

  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleDateString('en-GB', {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      });
}

/**
 * One question as an auditor sees it. Every field's id follows the API's
 * error paths (`answers.<id>` is `answers-<id>`), so the error summary
 * links to it.
 */
export function ItemField(props: ItemFieldProps) {
  const { item, answer, onAnswer, errorFor } = props;
  const path = `answers.${item.id}`;
  const id = fieldId(path);
  const set = (value: Answer | undefined) => onAnswer(item.id, value);
  const optional = item.required ? '' : ' (optional)';
  if (props.easyRead && item.easy_read) {
    return <EasyReadField {...props} />;
  }

  switch (item.kind) {
    case 'scale':
    case 'grade':
    case 'rag':
    case 'yes_no':
    case 'choice':
      return (
        <Radios
          name={path}
          idPrefix={id}
          fieldset={{
            legend: { text: `${item.label}${optional}`, classes: 'govuk-fieldset__legend--s' },
          }}
          hint={hintOf(item)}
          errorMessage={errorFor(path)}
          value={typeof answer === 'string' ? answer : ''}
          onChange={(event) => set(event.target.value)}
          items={choicesOf(item).map((choice) => ({
            value: choice.key,
            text: choice.label,
            hint:
              choice.descriptor || choice.easy_read
                ? { text: [choice.descriptor, choice.easy_read].filter(Boolean).join(' ') }
                : undefined,
          }))}
        />
      );
    case 'multi_choice': {
      const chosen = Array.isArray(answer) ? answer : [];

      return (
        <Checkboxes
          name={path}
          idPrefix={id}
          fieldset={{
            legend: { text: `${item.label}${optional}`, classes: 'govuk-fieldset__legend--s' },
          }}
          hint={hintOf(item, <span className="govuk-!-display-block">Select all that apply.</span>)}
          errorMessage={errorFor(path)}
          values={chosen}
          onChange={(event) => {
            const { value, checked } = event.target;
            const next = checked ? [...chosen, value] : chosen.filter((key) => key !== value);
            set(next.length ? next : undefined);
          }}
          items={choicesOf(item).map((choice) => ({
            value: choice.key,
            text: choice.label,
            hint: choice.descriptor ? { text: choice.descriptor } : undefined,
          }))}
        />
      );
    }
    case 'date':
      return (
        <AnswerDate
          path={path}
          legend={`${item.label}${optional}`}
          hint={hintOf(item, <span className="govuk-!-display-block">For example, 27 3 2025</span>)}
          value={typeof answer === 'string' ? answer : undefined}
          onChange={set}
          errorMessage={errorFor(path)}
        />
      );
    case 'personal':
      if (item.personal_kind === 'date_of_birth') {
        return (
          <AnswerDate
            path={path}
            legend={personalLabel(item)}
            hint={hintOf(
              item,
              <span className="govuk-!-display-block">
                Personal data: shown only to roles allowed to see it. For example, 27 3 2012
              </span>,
            )}
            value={typeof answer === 'string' ? answer : undefined}
            onChange={set}
            errorMessage={errorFor(path)}
            autocomplete
          />
        );
      }

      return (
        <TextInput
          id={id}
          name={path}
          label={{ html: personalLabel(item), classes: 'govuk-label--s' }}
          hint={hintOf(
            item,
            <span className="govuk-!-display-block">
              Personal data: shown only to roles allowed to see it.
            </span>,
          )}
          inputmode={item.personal_kind === 'nhs_number' ? 'numeric' : undefined}
          spellcheck={false}
          classes={item.personal_kind === 'nhs_number' ? 'govuk-input--width-10' : undefined}
          errorMessage={errorFor(path)}
          value={typeof answer === 'string' ? answer : ''}
          onChange={(event) => set(event.target.value || undefined)}
        />
      );
    case 'number':
      return (
        <TextInput
          id={id}
          name={path}
          label={{ text: `${item.label}${optional}`, classes: 'govuk-label--s' }}
          hint={hintOf(item)}
          inputmode="decimal"
          classes="govuk-input--width-10"
          spellcheck={false}
          errorMessage={errorFor(path)}
          value={answer === undefined || answer === null ? '' : String(answer)}
          onChange={(event) => {
            const text = event.target.value.trim();
            const n = Number(text);
            // Text that is not a number is passed on as written, so the
            // server's check names it.
            set(text === '' ? undefined : Number.isFinite(n) ? n : text);
          }}
        />
      );
    case 'text':
      return (
        <TextInput
          id={id}
          name={path}
          label={{ text: `${item.label}${optional}`, classes: 'govuk-label--s' }}
          hint={hintOf(item)}
          errorMessage={errorFor(path)}
          value={typeof answer === 'string' ? answer : ''}
          onChange={(event) => set(event.target.value || undefined)}
        />
      );
    case 'long_text':
      return (
        <Textarea
          id={id}
          name={path}
          label={{ text: `${item.label}${optional}`, classes: 'govuk-label--s' }}
          hint={hintOf(item)}
          errorMessage={errorFor(path)}
          value={typeof answer === 'string' ? answer : ''}
          onChange={(event) => set(event.target.value || undefined)}
        />
      );
    case 'organisation':
      return (
        <Select
          id={id}
          name={path}
          label={{ text: `${item.label}${optional}`, classes: 'govuk-label--s' }}
          hint={hintOf(item)}
          errorMessage={errorFor(path)}
          value={typeof answer === 'string' ? answer : ''}
          onChange={(event) => set(event.target.value || undefined)}
          items={[
            { value: '', text: 'Choose a service or setting' },
            ...props.organisations.map((organisation) => ({
              value: organisation.id,
              text: organisation.name,
            })),
          ]}
        />
      );
    case 'evidence':
      return props.renderEvidence ? props.renderEvidence(props) : <EvidenceField {...props} />;
    case 'milestone':
      return <MilestoneField {...props} />;
    case 'computed':
      return (
        <div className="govuk-form-group">
          <h3 className="govuk-label govuk-label--s" id={`${id}-label`}>
            {item.label}
          </h3>
          {hintOf(item) && <div className="govuk-hint">{hintOf(item)?.html}</div>}
          <p className="govuk-body">
            <output id={id} aria-labelledby={`${id}-label`}>
              {props.computed === undefined
                ? 'Not worked out yet: it needs the answers it is based on.'
                : props.computed}
            </output>{' '}
            <span className="govuk-body-s">(worked out from other answers)</span>
          </p>
        </div>
      );
  }

  return null;
}

interface AnswerDateProps {
  path: string;
  legend: ReactNode;
  hint?: { html: ReactNode };
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  errorMessage?: { text: string };
  autocomplete?: boolean;
}

/**
 * A date as three boxes. The boxes keep what was typed, even before it is
 * a whole date; the first box carries the path's id, so the error summary
 * link lands in it.
 */
function AnswerDate(props: AnswerDateProps) {
  const id = fieldId(props.path);
  const [parts, setParts] = useState<DateParts>(() => toParts(props.value));
  const bday = props.autocomplete ? 'bday-' : undefined;

  return (
    <DateInput
      id={`${id}-date`}
      namePrefix={props.path}
      fieldset={{ legend: { html: props.legend, classes: 'govuk-fieldset__legend--s' } }}
      hint={props.hint}
      errorMessage={props.errorMessage}
      values={parts}
      items={[
        { id, name: 'day', classes: 'govuk-input--width-2', autocomplete: bday && `${bday}day` },
        {
          id: `${id}-month`,
          name: 'month',
          classes: 'govuk-input--width-2',
          autocomplete: bday && `${bday}month`,
        },
        {
          id: `${id}-year`,
          name: 'year',
          classes: 'govuk-input--width-4',
          autocomplete: bday && `${bday}year`,
        },
      ]}
      onChange={(name, text) => {
        const next = { ...parts, [name]: text };
        setParts(next);
        props.onChange(fromParts(next));
      }}
    />
  );
}

function EvidenceField(props: ItemFieldProps) {
  const { item, answer, onAnswer, errorFor } = props;
  const path = `answers.${item.id}`;
  const id = fieldId(path);
  const evidence = (answer && typeof answer === 'object' ? answer : {}) as EvidenceAnswer;
  const update = (next: EvidenceAnswer) =>
    onAnswer(item.id, next.files?.length || next.note ? next : undefined);

  return (
    <div className="govuk-form-group">
      <FileUpload
        id={id}
        name={`${path}.files`}
        multiple
        label={{
          text: `${item.label}${item.required ? '' : ' (optional)'}`,
          classes: 'govuk-label--s',
        }}
        hint={hintOf(
          item,
          <span className="govuk-!-display-block">
            This is a preview: files are not uploaded, only their names are noted.
          </span>,
        )}
        errorMessage={errorFor(path) ?? errorFor(`${path}.files`)}
        onChange={(event) => {
          const names = [...(event.target.files ?? [])].map((file) => file.name);
          update({ ...evidence, files: names });
        }}
      />
      {evidence.files && evidence.files.length > 0 && (
        <p className="govuk-body-s">Noted: {evidence.files.join(', ')}</p>
      )}
      <Textarea
        id={`${id}-note`}
        name={`${path}.note`}
        rows={2}
        label={{ text: 'Note about the evidence (optional)' }}
        errorMessage={errorFor(`${path}.note`)}
        value={evidence.note ?? ''}
        onChange={(event) => update({ ...evidence, note: event.target.value || undefined })}
      />
    </div>
  );
}

function MilestoneField(props: ItemFieldProps) {
  const { def, item, answer, onAnswer, errorFor, milestone } = props;
  const path = `answers.${item.id}`;
  const id = fieldId(path);
  const value = (answer && typeof answer === 'object' ? answer : {}) as MilestoneAnswer;
  const update = (next: MilestoneAnswer) => {
    const empty = !next.actual && !next.reason && !next.exception;
    onAnswer(item.id, empty ? undefined : next);
  };
  const rule = item.milestone;
  const exceptions = rule?.exceptions ?? [];
  const late = milestone?.status === 'late' || Boolean(value.reason);

  return (
    <div className={`govuk-form-group${errorFor(path) ? ' govuk-form-group--error' : ''}`}>
      <fieldset className="govuk-fieldset" aria-describedby={`${id}-due`} id={id}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
          {item.label}
          {item.required ? '' : ' (optional)'}
        </legend>
        <p className="govuk-body-s" id={`${id}-due`}>
          {rule && (
            <>
              Due {describeDue(def, rule.due)}
              {rule.cap && <>, and no later than {describeDue(def, rule.cap)}</>}.{' '}
              {rule.statutory
                ? `Statutory${rule.legal_reference ? ` (${rule.legal_reference})` : ''}.`
                : 'A local target.'}{' '}
            </>
          )}
          {milestone?.due ? (
            <strong>Due date: {formatDay(milestone.due)}.</strong>
          ) : (
            'The due date shows once the date it is counted from is given.'
          )}
          {milestone && milestone.status !== 'unknown' && (
            <>
              {' '}
              Status: {statusNames[milestone.status] ?? milestone.status}
              {milestone.status === 'late' && milestone.days_late > 0
                ? ` by ${milestone.days_late} ${milestone.days_late === 1 ? 'day' : 'days'}`
                : ''}
              .
            </>
          )}
        </p>
        {errorFor(path) && (
          <p className="govuk-error-message">
            <span className="govuk-visually-hidden">Error:</span> {errorFor(path)?.text}
          </p>
        )}
        {item.guidance && <div className="govuk-hint">{hintOf(item)?.html}</div>}
        <AnswerDate
          path={`${path}.actual`}
          legend="Date it happened"
          value={value.actual}
          errorMessage={errorFor(`${path}.actual`)}
          onChange={(actual) => update({ ...value, actual })}
        />
        {late && (
          <Textarea
            id={`${id}-reason`}
            name={`${path}.reason`}
            rows={2}
            label={{ text: 'Reason it was late' }}
            hint={{ text: 'Needed when the step was late.' }}
            errorMessage={errorFor(`${path}.reason`)}
            value={value.reason ?? ''}
            onChange={(event) => update({ ...value, reason: event.target.value || undefined })}
          />
        )}
        {exceptions.length > 0 && (
          <Radios
            name={`${path}.exception.kind`}
            idPrefix={`${id}-exception-kind`}
            fieldset={{ legend: { text: 'Does a legal exception excuse lateness?' } }}
            errorMessage={errorFor(`${path}.exception.kind`)}
            value={value.exception?.kind ?? ''}
            onChange={(event) => {
              const kind = event.target.value;
              update({ ...value, exception: kind ? { ...value.exception, kind } : undefined });
            }}
            items={[
              { value: '', text: 'No exception' },
              ...exceptions.map((kind) => ({ value: kind, text: exceptionNames[kind] ?? kind })),
            ]}
          />
        )}
        {value.exception && (
          <>
            <AnswerDate
              path={`${path}.exception.from`}
              legend="Exception from (optional)"
              value={value.exception.from}
              errorMessage={errorFor(`${path}.exception.from`)}
              onChange={(from) =>
                value.exception && update({ ...value, exception: { ...value.exception, from } })
              }
            />
            <AnswerDate
              path={`${path}.exception.to`}
              legend="Exception to (optional)"
              value={value.exception.to}
              errorMessage={errorFor(`${path}.exception.to`)}
              onChange={(to) =>
                value.exception && update({ ...value, exception: { ...value.exception, to } })
              }
            />
          </>
        )}
      </fieldset>
    </div>
  );
}

/**
 * A question in easy-read words, alone on its screen: the words are the
 * page's heading, the full wording its hint, and a picture scale shows
 * each face beside the option's easy-read and full words.
 */
function EasyReadField(props: ItemFieldProps) {
  const { item, answer, onAnswer, errorFor } = props;
  const path = `answers.${item.id}`;
  const legend = {
    text: `${item.easy_read}${item.required ? '' : ' (you can skip this)'}`,
    classes: 'govuk-fieldset__legend--l',
    isPageHeading: true,
  };
  const hint =
    item.label !== item.easy_read || item.guidance
      ? {
          text: [item.label !== item.easy_read ? item.label : '', item.guidance ?? '']
            .filter(Boolean)
            .join(' '),
        }
      : undefined;
  const choices = choicesOf(item);
  if (choices.length > 0 && (item.kind === 'scale' || item.kind === 'choice')) {
    return (
      <Radios
        name={path}
        idPrefix={fieldId(path)}
        classes="sendqa-picture-scale"
        fieldset={{ legend }}
        hint={hint}
        errorMessage={errorFor(path)}
        value={typeof answer === 'string' ? answer : ''}
        onChange={(event) => onAnswer(item.id, event.target.value)}
        items={choices.map((choice) => ({
          value: choice.key,
          html: (
            <>
              {isFace(choice.picture) && <Face picture={choice.picture} />}
              <span>{choice.easy_read ?? choice.label}</span>
            </>
          ),
          hint:
            choice.easy_read && choice.easy_read !== choice.label
              ? { text: choice.label }
              : undefined,
        }))}
      />
    );
  }
  if (item.kind === 'long_text' || item.kind === 'text') {
    return (
      <Textarea
        id={fieldId(path)}
        name={path}
        label={{ text: legend.text, classes: 'govuk-label--l', isPageHeading: true }}
        hint={hint}
        rows={5}
        errorMessage={errorFor(path)}
        value={typeof answer === 'string' ? answer : ''}
        onChange={(event) => onAnswer(item.id, event.target.value || undefined)}
      />
    );
  }

  return <ItemField {...props} easyRead={false} />;
}
