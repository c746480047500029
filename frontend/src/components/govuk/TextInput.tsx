import type { ChangeEventHandler, FocusEventHandler, HTMLAttributes, Ref } from 'react';
import { FormGroup, useHintAndError, type FieldError, type FormGroupOptions } from './FormGroup';
import type { HintProps } from './Hint';
import { Label, type LabelProps } from './Label';
import { cx, content, type Attributes, type TextOrHtml } from './shared';

type Affix = TextOrHtml & { classes?: string; attributes?: Attributes };

export interface TextInputProps {
  /** Defaults to `name`; see lib/forms fieldId for the naming convention. */
  id?: string;
  name: string;
  type?: string;
  inputmode?: HTMLAttributes<HTMLInputElement>['inputMode'];
  value?: string;
  defaultValue?: string;
  disabled?: boolean;
  describedBy?: string;
  label: LabelProps;
  hint?: HintProps;
  errorMessage?: FieldError;
  prefix?: Affix;
  suffix?: Affix;
  formGroup?: FormGroupOptions;
  classes?: string;
  autocomplete?: string;
  pattern?: string;
  spellcheck?: boolean;
  autocapitalize?: string;
  inputWrapper?: { classes?: string; attributes?: Attributes };
  attributes?: Attributes;
  onChange?: ChangeEventHandler<HTMLInputElement>;
  onBlur?: FocusEventHandler<HTMLInputElement>;
  inputRef?: Ref<HTMLInputElement>;
}

/** The GOV.UK text input (the `govukInput` macro). */
export function TextInput(props: TextInputProps) {
  const id = props.id ?? props.name;
  const { nodes, describedBy } = useHintAndError(
    id,
    props.hint,
    props.errorMessage,
    props.describedBy,
  );
  const input = (
    <input
      ref={props.inputRef}
      className={cx('govuk-input', props.errorMessage && 'govuk-input--error', props.classes)}
      id={id}
      name={props.name}
      type={props.type ?? 'text'}
      inputMode={props.inputmode}
      value={props.value}
      defaultValue={props.defaultValue}
      disabled={props.disabled}
      aria-describedby={describedBy}
      autoComplete={props.autocomplete}
      pattern={props.pattern}
      spellCheck={props.spellcheck}
      autoCapitalize={props.autocapitalize}
      onChange={props.onChange}
      onBlur={props.onBlur}
      {...props.attributes}
    />
  );
  const wrapped = props.prefix || props.suffix || props.inputWrapper;

  return (
    <FormGroup formGroup={props.formGroup} errorMessage={props.errorMessage}>
      <Label {...props.label} for={id} />
      {nodes}
      {content(props.formGroup?.beforeInput)}
      {wrapped ? (
        <div
          className={cx('govuk-input__wrapper', props.inputWrapper?.classes)}
          {...props.inputWrapper?.attributes}
        >
          {props.prefix && <Affix kind="prefix" {...props.prefix} />}
          {input}
          {props.suffix && <Affix kind="suffix" {...props.suffix} />}
        </div>
      ) : (
        input
      )}
      {content(props.formGroup?.afterInput)}
    </FormGroup>
  );
}

function Affix(props: Affix & { kind: 'prefix' | 'suffix' }) {
  return (
    <div
      className={cx(`govuk-input__${props.kind}`, props.classes)}
      aria-hidden="true"
      {...props.attributes}
    >
      {content(props)}
    </div>
  );
}
