import { Button, Checkboxes } from '../../../components/govuk';
import { exceptionNames } from '../../../components/instrument/ItemField';
import { fieldId } from '../../../lib/forms';
import { kindNames } from '../../../lib/instrument/describe';
import { choicesOf } from '../../../lib/instrument/engine';
import type {
  ComputeFunc,
  Definition,
  Item,
  ItemKind,
  Milestone,
  Option,
} from '../../../lib/instrument/types';
import { ConditionEditor } from './ConditionEditor';
import { allItems, freshId, move, removeAt, replaceAt, withKind } from './draft';
import { CheckField, NumberField, PartActions, SelectField, TextField } from './fields';

const kindOptions = Object.entries(kindNames) as Array<[ItemKind, string]>;

const personalKinds: Array<[string, string]> = [
  ['name', 'Name'],
  ['date_of_birth', 'Date of birth'],
  ['nhs_number', 'NHS number'],
  ['local_id', 'Local ID'],
];

const computeNames: Array<[ComputeFunc, string]> = [
  ['age_in_years_at', 'Age in years'],
  ['weeks_between', 'Weeks between'],
  ['days_between', 'Days between'],
];

/** Items a milestone or computed item may count from: dates of any kind. */
function dateItems(def: Definition, selfId: string): Array<[string, string]> {
  return allItems(def)
    .filter(
      (item) =>
        item.id !== selfId &&
        (item.kind === 'date' ||
          item.kind === 'milestone' ||
          (item.kind === 'personal' && item.personal_kind === 'date_of_birth')),
    )
    .map((item) => [item.id, item.label || item.id]);
}

export interface ItemEditorProps {
  /** The whole form, for conditions and dates that refer to other items. */
  def: Definition;
  /** `sections[0].items[2]`, or `items[0]` in a local layer. */
  path: string;
  item: Item;
  onChange: (item: Item) => void;
  /** "question 3 of section 1", for buttons and headings. */
  name: string;
}

/** Every setting of one question, for every kind of item. */
export function ItemEditor({ def, path, item, onChange, name }: ItemEditorProps) {
  const set = (patch: Partial<Item>) => onChange({ ...item, ...patch });

  return (
    <>
      <TextField
        path={`${path}.label`}
        label="Question"
        value={item.label}
        onChange={(label) => set({ label })}
      />
      <TextField
        path={`${path}.id`}
        label="Reference"
        hint="Stays the same in every version, so answers line up in exports. Lower-case letters, digits and underscores."
        classes="govuk-input--width-20"
        value={item.id}
        onChange={(id) => set({ id })}
      />
      <SelectField
        path={`${path}.kind`}
        label="Kind of answer"
        value={item.kind}
        options={kindOptions}
        onChange={(kind) => onChange(withKind(item, kind as ItemKind))}
      />
      <KindSettings def={def} path={path} item={item} onChange={onChange} />
      <TextField
        long
        path={`${path}.guidance`}
        label="Guidance (optional)"
        value={item.guidance}
        onChange={(guidance) => set({ guidance })}
      />
      <TextField
        long
        path={`${path}.easy_read`}
        label="Easy-read wording (optional)"
        hint="The question in plain words, for young people and families"
        value={item.easy_read}
        onChange={(easyRead) => set({ easy_read: easyRead })}
      />
      {item.kind !== 'computed' && (
        <CheckField
          path={`${path}.required`}
          label="An answer is required"
          checked={Boolean(item.required)}
          onChange={(required) => set({ required })}
        />
      )}
      <ConditionEditor
        def={def}
        path={`${path}.applies_when`}
        condition={item.applies_when}
        selfId={item.id}
        subject={name}
        onChange={(condition) => {
          const next = { ...item, applies_when: condition };
          if (!condition) delete next.applies_when;
          onChange(next);
        }}
      />
    </>
  );
}

function KindSettings({ def, path, item, onChange }: Omit<ItemEditorProps, 'name'>) {
  const set = (patch: Partial<Item>) => onChange({ ...item, ...patch });

  switch (item.kind) {
    case 'scale':
    case 'choice':
    case 'multi_choice':
      return (
        <OptionsEditor
          path={`${path}.options`}
          scored={item.kind === 'scale'}
          options={item.options ?? []}
          onChange={(options) => set({ options })}
        />
      );
    case 'grade':
      return <Descriptors path={path} item={item} onChange={onChange} />;
    case 'rag':
      return (
        <>
          <CheckField
            path={`${path}.allow_blue`}
            label="Offer Blue, for exceeding expectations"
            checked={Boolean(item.allow_blue)}
            onChange={(allowBlue) => set({ allow_blue: allowBlue || undefined })}
          />
          <Descriptors path={path} item={item} onChange={onChange} />
        </>
      );
    case 'yes_no':
      return (
        <>
          <Descriptors path={path} item={item} onChange={onChange} />
          <CheckField
            path={`${path}.allow_partial`}
            label="Offer Partial"
            checked={Boolean(item.allow_partial)}
            onChange={(on) => set({ allow_partial: on || undefined })}
          />
          <CheckField
            path={`${path}.allow_not_applicable`}
            label="Offer Not applicable"
            checked={Boolean(item.allow_not_applicable)}
            onChange={(on) => set({ allow_not_applicable: on || undefined })}
          />
        </>
      );
    case 'personal':
      return (
        <SelectField
          path={`${path}.personal_kind`}
          label="Personal data asked for"
          hint="Shown only to roles allowed to see a child’s personal data"
          value={item.personal_kind}
          options={personalKinds}
          onChange={(kind) => set({ personal_kind: kind })}
        />
      );
    case 'milestone':
      return <MilestoneSettings def={def} path={path} item={item} onChange={onChange} />;
    case 'computed':
      return <ComputeSettings def={def} path={path} item={item} onChange={onChange} />;
  }

  return null;
}

/**
 * What each fixed answer of a grade, RAG or yes/no question means here,
 * shown to the auditor beside the answer.
 */
function Descriptors({ path, item, onChange }: Omit<ItemEditorProps, 'name' | 'def'>) {
  const describe = (key: string, text: string) => {
    const descriptors: Record<string, string> = { ...item.descriptors, [key]: text };
    if (!text) delete descriptors[key];
    const next: Item = { ...item, descriptors };
    if (Object.keys(descriptors).length === 0) delete next.descriptors;
    onChange(next);
  };

  return (
    <details className="govuk-details">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Describe each answer (optional)</span>
      </summary>
      <div className="govuk-details__text">
        {choicesOf(item).map((choice) => (
          <TextField
            key={choice.key}
            long
            path={`${path}.descriptors.${choice.key}`}
            label={`What ${choice.label} means`}
            value={item.descriptors?.[choice.key]}
            onChange={(text) => describe(choice.key, text)}
          />
        ))}
      </div>
    </details>
  );
}

function MilestoneSettings({ def, path, item, onChange }: Omit<ItemEditorProps, 'name'>) {
  const milestone: Milestone = item.milestone ?? { due: {}, statutory: false };
  const due = milestone.due;
  const set = (patch: Partial<typeof milestone>) =>
    onChange({ ...item, milestone: { ...milestone, ...patch } });
  const dates = dateItems(def, item.id);

  return (
    <>
      <SelectField
        path={`${path}.milestone.due.from`}
        label="Due counted from"
        value={due.from}
        options={[['', 'Choose a date question'], ...dates]}
        onChange={(from) => set({ due: { ...due, from } })}
      />
      <NumberField
        path={`${path}.milestone.due.offset`}
        label="Due after (a negative number for before)"
        value={due.offset}
        onChange={(offset) => set({ due: { ...due, offset } })}
      />
      <SelectField
        path={`${path}.milestone.due.unit`}
        label="Counted in"
        value={due.unit}
        options={[
          ['days', 'days'],
          ['weeks', 'weeks'],
          ['months', 'months'],
        ]}
        onChange={(unit) => set({ due: { ...due, unit: unit as 'days' } })}
      />
      <CheckField
        path={`${path}.milestone.statutory`}
        label="The deadline is set by law"
        checked={milestone.statutory}
        onChange={(statutory) => set({ statutory })}
      />
      {milestone.statutory && (
        <TextField
          path={`${path}.milestone.legal_reference`}
          label="The law that sets it"
          hint="For example, SEND Regulations 2014, regulation 13(2)"
          value={milestone.legal_reference}
          onChange={(reference) => set({ legal_reference: reference })}
        />
      )}
      <Checkboxes
        name={`${path}.milestone.exceptions`}
        idPrefix={fieldId(`${path}.milestone.exceptions`)}
        classes="govuk-checkboxes--small"
        fieldset={{ legend: { text: 'Exceptions that excuse a late step (optional)' } }}
        values={milestone.exceptions ?? []}
        items={Object.entries(exceptionNames).map(([value, text]) => ({ value, text }))}
        onChange={(event) => {
          const { value, checked } = event.target;
          const chosen = checked
            ? [...(milestone.exceptions ?? []), value]
            : (milestone.exceptions ?? []).filter((kind) => kind !== value);
          const next: Milestone = { ...milestone, exceptions: chosen };
          if (chosen.length === 0) delete next.exceptions;
          onChange({ ...item, milestone: next });
        }}
      />
    </>
  );
}

function ComputeSettings({ def, path, item, onChange }: Omit<ItemEditorProps, 'name'>) {
  const compute = item.compute ?? { func: 'age_in_years_at' as const, from: '' };
  const dates = dateItems(def, item.id);
  const set = (patch: Partial<typeof compute>) =>
    onChange({ ...item, compute: { ...compute, ...patch } });

  return (
    <>
      <SelectField
        path={`${path}.compute.func`}
        label="Worked out as"
        value={compute.func}
        options={computeNames}
        onChange={(func) => set({ func: func as ComputeFunc })}
      />
      <SelectField
        path={`${path}.compute.from`}
        label="From"
        value={compute.from}
        options={[['', 'Choose a date question'], ...dates]}
        onChange={(from) => set({ from })}
      />
      <SelectField
        path={`${path}.compute.to`}
        label="To"
        value={compute.to ?? ''}
        options={[['', 'The date of the audit'], ...dates]}
        onChange={(to) => {
          const rest = { func: compute.func, from: compute.from };
          onChange({ ...item, compute: to ? { ...rest, to } : rest });
        }}
      />
    </>
  );
}

interface OptionsEditorProps {
  path: string;
  /** A scale's options each carry a value; a choice's may. */
  scored: boolean;
  options: Option[];
  onChange: (options: Option[]) => void;
}

/** The answers a scale or choice offers, each with its key and value. */
function OptionsEditor({ path, scored, options, onChange }: OptionsEditorProps) {
  const set = (i: number, patch: Partial<Option>) =>
    onChange(replaceAt(options, i, { ...options[i]!, ...patch }));

  return (
    <div id={fieldId(path)} className="govuk-!-margin-bottom-6">
      <h4 className="govuk-heading-s">Answers offered</h4>
      {options.map((option, i) => (
        <div key={i} className="govuk-!-margin-bottom-4">
          <TextField
            path={`${path}[${i}].label`}
            label={`Answer ${i + 1}`}
            value={option.label}
            onChange={(label) => set(i, { label })}
          />
          <TextField
            path={`${path}[${i}].key`}
            label={`Answer ${i + 1}: reference`}
            classes="govuk-input--width-10"
            value={option.key}
            onChange={(key) => set(i, { key })}
          />
          <NumberField
            path={`${path}[${i}].value`}
            label={`Answer ${i + 1}: value${scored ? '' : ' (optional)'}`}
            value={option.value}
            onChange={(value) => set(i, { value })}
          />
          <TextField
            path={`${path}[${i}].descriptor`}
            label={`Answer ${i + 1}: what it means (optional)`}
            value={option.descriptor}
            onChange={(descriptor) => set(i, { descriptor })}
          />
          <TextField
            path={`${path}[${i}].easy_read`}
            label={`Answer ${i + 1}: easy-read wording (optional)`}
            value={option.easy_read}
            onChange={(easyRead) => set(i, { easy_read: easyRead })}
          />
          <PartActions
            name={`answer ${i + 1}`}
            listPath={path}
            index={i}
            count={options.length}
            onMove={(by) => onChange(move(options, i, by))}
            onRemove={() => onChange(removeAt(options, i))}
          />
        </div>
      ))}
      <Button
        type="button"
        classes="govuk-button--secondary"
        text="Add an answer"
        onClick={() =>
          onChange([
            ...options,
            {
              key: freshId(
                'option',
                options.map((option) => option.key),
              ),
              label: '',
              value: scored ? 0 : undefined,
            },
          ])
        }
      />
    </div>
  );
}
