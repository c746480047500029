import { createContext, useContext, type ReactNode } from 'react';
import { Button, Checkboxes, Select, TextInput, Textarea } from '../../../components/govuk';
import { fieldId } from '../../../lib/forms';

/**
 * The inline error for a path in the definition, from the last save. A
 * context rather than a prop, because paths reach several levels down
 * (`sections[1].items[0].applies_when.all[0].value`).
 */
export const EditorErrors = createContext<(path: string) => { text: string } | undefined>(
  () => undefined,
);

export function useErrorFor(path: string) {
  return useContext(EditorErrors)(path);
}

interface TextProps {
  path: string;
  label: string;
  value: string | undefined;
  onChange: (value: string) => void;
  hint?: string;
  long?: boolean;
  classes?: string;
  inputmode?: 'numeric' | 'decimal';
}

/** A text box (or area) whose id is its path, so errors link to it. */
export function TextField({
  path,
  label,
  value,
  onChange,
  hint,
  long,
  classes,
  inputmode,
}: TextProps) {
  const common = {
    id: fieldId(path),
    name: path,
    label: { text: label },
    hint: hint ? { text: hint } : undefined,
    errorMessage: useErrorFor(path),
    value: value ?? '',
  };

  return long ? (
    <Textarea {...common} rows={2} onChange={(event) => onChange(event.target.value)} />
  ) : (
    <TextInput
      {...common}
      classes={classes}
      inputmode={inputmode}
      spellcheck={false}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}

/** A number box; an empty or unreadable entry is `undefined`. */
export function NumberField(
  props: Omit<TextProps, 'value' | 'onChange'> & {
    value: number | undefined;
    onChange: (value: number | undefined) => void;
  },
) {
  const { value, onChange, ...rest } = props;

  return (
    <TextField
      {...rest}
      classes={rest.classes ?? 'govuk-input--width-5'}
      inputmode="decimal"
      value={value === undefined ? '' : String(value)}
      onChange={(text) => {
        const n = Number(text);
        onChange(text.trim() === '' || Number.isNaN(n) ? undefined : n);
      }}
    />
  );
}

interface SelectFieldProps {
  path: string;
  label: string;
  value: string | undefined;
  options: Array<[value: string, text: string]>;
  onChange: (value: string) => void;
  hint?: string;
}

export function SelectField({ path, label, value, options, onChange, hint }: SelectFieldProps) {
  return (
    <Select
      id={fieldId(path)}
      name={path}
      label={{ text: label }}
      hint={hint ? { text: hint } : undefined}
      errorMessage={useErrorFor(path)}
      value={value ?? ''}
      items={options.map(([optionValue, text]) => ({ value: optionValue, text }))}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}

/** One checkbox that turns a yes-or-no setting on and off. */
export function CheckField(props: {
  path: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const id = fieldId(props.path);

  return (
    <Checkboxes
      name={props.path}
      idPrefix={id}
      classes="govuk-checkboxes--small"
      errorMessage={useErrorFor(props.path)}
      values={props.checked ? ['on'] : []}
      items={[{ id, value: 'on', text: props.label }]}
      onChange={(event) => props.onChange(event.target.checked)}
    />
  );
}

interface PartActionsProps {
  /** What the part is called to a screen reader: "question 2". */
  name: string;
  /** The path of the list the part is in: `sections[0].items`. */
  listPath: string;
  index: number;
  count: number;
  onMove: (by: -1 | 1) => void;
  onRemove?: () => void;
}

const moveButtonId = (listPath: string, index: number, by: -1 | 1) =>
  `${fieldId(`${listPath}[${index}]`)}-move-${by < 0 ? 'up' : 'down'}`;

/**
 * Move up, move down and remove: buttons, so that reordering works by
 * keyboard and by pointer alike, each naming the part it moves. After a
 * move, focus follows the part to its new place, so that pressing the
 * button again keeps moving the same part.
 */
export function PartActions({ name, listPath, index, count, onMove, onRemove }: PartActionsProps) {
  const small = 'govuk-button--secondary govuk-!-margin-bottom-2';
  const moveBy = (by: -1 | 1) => {
    onMove(by);
    const to = index + by;
    // After React has drawn the list in its new order.
    requestAnimationFrame(() => {
      const same = document.getElementById(moveButtonId(listPath, to, by));
      (same ?? document.getElementById(moveButtonId(listPath, to, by < 0 ? 1 : -1)))?.focus();
    });
  };

  return (
    <div className="govuk-button-group govuk-!-margin-bottom-2">
      {index > 0 && (
        <Button
          type="button"
          id={moveButtonId(listPath, index, -1)}
          html={<PartLabel verb="Move up" name={name} />}
          classes={small}
          onClick={() => moveBy(-1)}
        />
      )}
      {index < count - 1 && (
        <Button
          type="button"
          id={moveButtonId(listPath, index, 1)}
          html={<PartLabel verb="Move down" name={name} />}
          classes={small}
          onClick={() => moveBy(1)}
        />
      )}
      {onRemove && count > 1 && (
        <Button
          type="button"
          html={<PartLabel verb="Remove" name={name} />}
          classes={`${small} govuk-button--warning`}
          onClick={onRemove}
        />
      )}
    </div>
  );
}

function PartLabel({ verb, name }: { verb: string; name: string }): ReactNode {
  return (
    <>
      {verb}
      <span className="govuk-visually-hidden"> {name}</span>
    </>
  );
}
