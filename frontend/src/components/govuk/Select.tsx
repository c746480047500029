import type { ChangeEventHandler, Ref } from 'react';
import { FormGroup, useHintAndError, type FieldError, type FormGroupOptions } from './FormGroup';
import type { HintProps } from './Hint';
import { Label, type LabelProps } from './Label';
import { cx, content, type Attributes } from './shared';

export interface SelectItem {
  value?: string;
  text: string;
  selected?: boolean;
  disabled?: boolean;
  attributes?: Attributes;
}

export interface SelectProps {
  id?: string;
  name: string;
  items: SelectItem[];
  /** The selected value; wins over items' `selected`. */
  value?: string;
  disabled?: boolean;
  describedBy?: string;
  label: LabelProps;
  hint?: HintProps;
  errorMessage?: FieldError;
  formGroup?: FormGroupOptions;
  classes?: string;
  attributes?: Attributes;
  onChange?: ChangeEventHandler<HTMLSelectElement>;
  selectRef?: Ref<HTMLSelectElement>;
}

export function Select(props: SelectProps) {
  const id = props.id ?? props.name;
  const { nodes, describedBy } = useHintAndError(
    id,
    props.hint,
    props.errorMessage,
    props.describedBy,
  );
  const selected = props.value ?? props.items.find((item) => item.selected)?.value;
  // A controlled value needs a handler; without one the select stays
  // uncontrolled and starts at the chosen item.
  const valueProps = props.onChange ? { value: selected ?? '' } : { defaultValue: selected };

  return (
    <FormGroup formGroup={props.formGroup} errorMessage={props.errorMessage}>
      <Label {...props.label} for={id} />
      {nodes}
      {content(props.formGroup?.beforeInput)}
      <select
        ref={props.selectRef}
        className={cx('govuk-select', props.errorMessage && 'govuk-select--error', props.classes)}
        id={id}
        name={props.name}
        disabled={props.disabled}
        aria-describedby={describedBy}
        onChange={props.onChange}
        {...valueProps}
        {...props.attributes}
      >
        {props.items.map((item) => (
          <option
            key={item.value ?? item.text}
            value={item.value ?? item.text}
            disabled={item.disabled}
            {...item.attributes}
          >
            {item.text}
          </option>
        ))}
      </select>
      {content(props.formGroup?.afterInput)}
    </FormGroup>
  );
}
