import type { ChangeEventHandler, Ref } from 'react';
import { FormGroup, useHintAndError, type FieldError, type FormGroupOptions } from './FormGroup';
import type { HintProps } from './Hint';
import { Label, type LabelProps } from './Label';
import { cx, content, type Attributes } from './shared';

export interface TextareaProps {
  id?: string;
  name: string;
  spellcheck?: boolean;
  rows?: number;
  value?: string;
  defaultValue?: string;
  disabled?: boolean;
  describedBy?: string;
  label: LabelProps;
  hint?: HintProps;
  errorMessage?: FieldError;
  formGroup?: FormGroupOptions;
  classes?: string;
  autocomplete?: string;
  attributes?: Attributes;
  onChange?: ChangeEventHandler<HTMLTextAreaElement>;
  textareaRef?: Ref<HTMLTextAreaElement>;
}

export function Textarea(props: TextareaProps) {
  const id = props.id ?? props.name;
  const { nodes, describedBy } = useHintAndError(
    id,
    props.hint,
    props.errorMessage,
    props.describedBy,
  );

  return (
    <FormGroup formGroup={props.formGroup} errorMessage={props.errorMessage}>
      <Label {...props.label} for={id} />
      {nodes}
      {content(props.formGroup?.beforeInput)}
      <textarea
        ref={props.textareaRef}
        className={cx(
          'govuk-textarea',
          props.errorMessage && 'govuk-textarea--error',
          props.classes,
        )}
        id={id}
        name={props.name}
        rows={props.rows ?? 5}
        spellCheck={props.spellcheck}
        value={props.value}
        defaultValue={props.defaultValue}
        disabled={props.disabled}
        aria-describedby={describedBy}
        autoComplete={props.autocomplete}
        onChange={props.onChange}
        {...props.attributes}
      />
      {content(props.formGroup?.afterInput)}
    </FormGroup>
  );
}
