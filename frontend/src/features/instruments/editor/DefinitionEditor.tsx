import { Button, Checkboxes } from '../../../components/govuk';
import { fieldId } from '../../../lib/forms';
import { roleLabels } from '../../../lib/roles';
import { roles } from '../../../lib/session';
import type { Definition, Item, Section } from '../../../lib/instrument/types';
import { subjectNames } from '../components/labels';
import { ConditionEditor } from './ConditionEditor';
import { move, newItem, newSection, removeAt, replaceAt } from './draft';
import { CheckField, PartActions, SelectField, TextField, useErrorFor } from './fields';
import { ItemEditor } from './ItemEditor';
import { RuleEditor } from './RuleEditor';

const completingRoles = roles.filter((role) => role !== 'viewer');

const followUpActions: Array<[string, string]> = [
  ['improvement_plan', 'Propose an action for the improvement plan'],
  ['feedback_to_subject', 'Send feedback to whoever was audited'],
  ['notify_contributors', 'Tell the services that contributed'],
];

interface DefinitionEditorProps {
  def: Definition;
  onChange: (def: Definition) => void;
  /** A new instrument's key can be chosen; a saved one's never changes. */
  keyEditable: boolean;
}

/** Every part of a draft definition, as form fields. */
export function DefinitionEditor({ def, onChange, keyEditable }: DefinitionEditorProps) {
  const set = (patch: Partial<Definition>) => onChange({ ...def, ...patch });
  const setSections = (sections: Section[]) => set({ sections });

  return (
    <>
      <h2 className="govuk-heading-m">About the instrument</h2>
      <TextField
        path="title"
        label="Title"
        value={def.title}
        onChange={(title) => set({ title })}
      />
      {keyEditable && (
        <TextField
          path="key"
          label="Reference"
          hint="Names the instrument in exports and links; it never changes. Lower-case letters, digits and underscores, for example local_visit_check."
          classes="govuk-input--width-20"
          value={def.key}
          onChange={(key) => set({ key })}
        />
      )}
      <TextField
        long
        path="description"
        label="Description (optional)"
        value={def.description}
        onChange={(description) => set({ description })}
      />
      <SelectField
        path="subject"
        label="What it audits"
        value={def.subject}
        options={Object.entries(subjectNames)}
        onChange={(subject) => set({ subject })}
      />
      <CompletedBy def={def} onChange={onChange} />

      <h2 className="govuk-heading-m">Sections and questions</h2>
      {def.sections.map((section, s) => (
        <SectionEditor
          key={s}
          def={def}
          index={s}
          section={section}
          onChange={(next) => setSections(replaceAt(def.sections, s, next))}
          onMove={(by) => setSections(move(def.sections, s, by))}
          onRemove={() => setSections(removeAt(def.sections, s))}
        />
      ))}
      <Button
        type="button"
        classes="govuk-button--secondary"
        text="Add a section"
        onClick={() => setSections([...def.sections, newSection(def)])}
      />

      <h2 className="govuk-heading-m">Scoring</h2>
      <TextField
        path="scoring.rule_version"
        label="Version of the scoring rule"
        hint="Stored with every result. Change it when the rule changes, for example v2."
        classes="govuk-input--width-10"
        value={def.scoring.rule_version}
        onChange={(ruleVersion) => set({ scoring: { ...def.scoring, rule_version: ruleVersion } })}
      />
      <RuleEditor
        path="scoring.overall"
        legend="Overall result"
        overall
        rule={def.scoring.overall}
        onChange={(overall) => set({ scoring: { ...def.scoring, overall } })}
      />
      <CheckField
        path="scoring.sections.enabled"
        label="Give each section a result of its own"
        checked={Boolean(def.scoring.sections)}
        onChange={(on) => {
          const scoring = { ...def.scoring };
          if (on) scoring.sections = { method: 'mean', thresholds: [{ min: 0, label: '' }] };
          else delete scoring.sections;
          set({ scoring });
        }}
      />
      {def.scoring.sections && (
        <RuleEditor
          path="scoring.sections"
          legend="Each section’s result"
          overall={false}
          rule={def.scoring.sections}
          onChange={(sections) => set({ scoring: { ...def.scoring, sections } })}
        />
      )}
      <FollowUp def={def} onChange={onChange} />
    </>
  );
}

function CompletedBy({ def, onChange }: Omit<DefinitionEditorProps, 'keyEditable'>) {
  return (
    <Checkboxes
      name="completed_by"
      idPrefix={fieldId('completed_by')}
      fieldset={{ legend: { text: 'Who completes it' } }}
      errorMessage={useErrorFor('completed_by')}
      classes="govuk-checkboxes--small"
      values={def.completed_by}
      items={completingRoles.map((role) => ({ value: role, text: roleLabels[role] }))}
      onChange={(event) => {
        const { value, checked } = event.target;
        const chosen = checked
          ? [...def.completed_by, value]
          : def.completed_by.filter((role) => role !== value);
        onChange({ ...def, completed_by: completingRoles.filter((r) => chosen.includes(r)) });
      }}
    />
  );
}

function FollowUp({ def, onChange }: Omit<DefinitionEditorProps, 'keyEditable'>) {
  const followUp = def.follow_up;
  const set = (patch: Partial<NonNullable<Definition['follow_up']>>) =>
    onChange({
      ...def,
      follow_up: { poor_labels: [], action: 'improvement_plan', ...followUp, ...patch },
    });

  return (
    <>
      <CheckField
        path="follow_up.enabled"
        label="Follow up a poor result"
        checked={Boolean(followUp)}
        onChange={(on) => {
          if (on) {
            set({});
          } else {
            const next = { ...def };
            delete next.follow_up;
            onChange(next);
          }
        }}
      />
      {followUp && (
        <>
          <TextField
            path="follow_up.poor_labels"
            label="Results that count as poor"
            hint="Overall result labels, separated by commas, for example requires_improvement, inadequate"
            value={followUp.poor_labels.join(', ')}
            onChange={(text) =>
              set({
                poor_labels: text
                  .split(',')
                  .map((label) => label.trim())
                  .filter(Boolean),
              })
            }
          />
          <SelectField
            path="follow_up.action"
            label="What follows"
            value={followUp.action}
            options={followUpActions}
            onChange={(action) => set({ action })}
          />
          <TextField
            long
            path="follow_up.description"
            label="Say what follows, in words (optional)"
            value={followUp.description}
            onChange={(description) => set({ description })}
          />
        </>
      )}
    </>
  );
}

interface SectionEditorProps {
  def: Definition;
  index: number;
  section: Section;
  onChange: (section: Section) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}

function SectionEditor({ def, index, section, onChange, onMove, onRemove }: SectionEditorProps) {
  const path = `sections[${index}]`;
  const number = index + 1;
  const set = (patch: Partial<Section>) => onChange({ ...section, ...patch });
  const setItems = (items: Item[]) => set({ items });

  return (
    <section
      className="govuk-!-margin-bottom-8"
      aria-labelledby={`${fieldId(path)}-heading`}
      id={fieldId(path)}
    >
      <h3 className="govuk-heading-m" id={`${fieldId(path)}-heading`}>
        Section {number}
        {section.title ? `: ${section.title}` : ''}
      </h3>
      <PartActions
        name={`section ${number}`}
        listPath="sections"
        index={index}
        count={def.sections.length}
        onMove={onMove}
        onRemove={onRemove}
      />
      <TextField
        path={`${path}.title`}
        label="Section title"
        value={section.title}
        onChange={(title) => set({ title })}
      />
      <TextField
        path={`${path}.id`}
        label="Section reference"
        classes="govuk-input--width-20"
        value={section.id}
        onChange={(id) => set({ id })}
      />
      <TextField
        long
        path={`${path}.guidance`}
        label="Section guidance (optional)"
        value={section.guidance}
        onChange={(guidance) => set({ guidance })}
      />
      <TextField
        long
        path={`${path}.easy_read`}
        label="Section easy-read wording (optional)"
        value={section.easy_read}
        onChange={(easyRead) => set({ easy_read: easyRead })}
      />
      <ConditionEditor
        def={def}
        path={`${path}.applies_when`}
        condition={section.applies_when}
        subject={`section ${number}`}
        onChange={(condition) => {
          const next = { ...section, applies_when: condition };
          if (!condition) delete next.applies_when;
          onChange(next);
        }}
      />
      <CheckField
        path={`${path}.rule.enabled`}
        label={`Give section ${number} a scoring rule of its own`}
        checked={Boolean(section.rule)}
        onChange={(on) => {
          const next = { ...section };
          if (on) next.rule = { method: 'mean', thresholds: [{ min: 0, label: '' }] };
          else delete next.rule;
          onChange(next);
        }}
      />
      {section.rule && (
        <RuleEditor
          path={`${path}.rule`}
          legend={`Section ${number}’s result`}
          overall={false}
          rule={section.rule}
          onChange={(rule) => set({ rule })}
        />
      )}
      <div id={fieldId(`${path}.items`)}>
        {section.items.map((item, i) => (
          <div key={i} className="govuk-inset-text govuk-!-margin-top-0 govuk-!-margin-bottom-6">
            <h4 className="govuk-heading-s">
              Question {i + 1} of section {number}
            </h4>
            <PartActions
              name={`question ${i + 1} of section ${number}`}
              listPath={`${path}.items`}
              index={i}
              count={section.items.length}
              onMove={(by) => setItems(move(section.items, i, by))}
              onRemove={() => setItems(removeAt(section.items, i))}
            />
            <ItemEditor
              def={def}
              path={`${path}.items[${i}]`}
              item={item}
              name="this question"
              onChange={(next) => setItems(replaceAt(section.items, i, next))}
            />
          </div>
        ))}
      </div>
      <Button
        type="button"
        classes="govuk-button--secondary"
        html={
          <>
            Add a question<span className="govuk-visually-hidden"> to section {number}</span>
          </>
        }
        onClick={() => setItems([...section.items, newItem(def)])}
      />
    </section>
  );
}
