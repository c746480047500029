import type { ChangeEventHandler } from 'react';
import { CharacterCount as GovukCharacterCount } from 'govuk-frontend';
import { FormGroup, useHintAndError, type FieldError, type FormGroupOptions } from './FormGroup';
import { Hint, type HintProps } from './Hint';
import { Label, type LabelProps } from './Label';
import { cx, content, type Attributes } from './shared';
import { useGovukModule } from './useGovukModule';

export interface CharacterCountProps {
  id?: string;
  name: string;
  rows?: number;
  value?: string;
  defaultValue?: string;
  maxlength?: number;
  maxwords?: number;
  /** Percentage of the limit at which the count appears. */
  threshold?: number;
  label: LabelProps;
  hint?: HintProps;
  errorMessage?: FieldError;
  formGroup?: FormGroupOptions;
  classes?: string;
  attributes?: Attributes;
  spellcheck?: boolean;
  countMessage?: { classes?: string };
  textareaDescriptionText?: string;
  onChange?: ChangeEventHandler<HTMLTextAreaElement>;
}

/**
 * A textarea with a live count. Its script replaces the static
 * "You can enter up to..." hint with the remaining count and announces it
 * politely; the limit itself is enforced by the API, not the browser.
 */
export function CharacterCount(props: CharacterCountProps) {
  const id = props.id ?? props.name;
  const root = useGovukModule<HTMLDivElement>(GovukCharacterCount);
  const countType = props.maxwords ? 'words' : 'characters';
  const limit = props.maxwords ?? props.maxlength;
  const description = (
    props.textareaDescriptionText ?? `You can enter up to %{count} ${countType}`
  ).replace('%{count}', String(limit));
  const { nodes, describedBy } = useHintAndError(id, props.hint, props.errorMessage, `${id}-info`);

  return (
    <FormGroup
      rootRef={root}
      module="govuk-character-count"
      formGroup={{
        ...props.formGroup,
        classes: cx('govuk-character-count', props.formGroup?.classes),
        attributes: {
          'data-maxlength': props.maxlength,
          'data-maxwords': props.maxwords,
          'data-threshold': props.threshold,
          ...props.formGroup?.attributes,
        },
      }}
      errorMessage={props.errorMessage}
    >
      <Label {...props.label} for={id} />
      {nodes}
      {content(props.formGroup?.beforeInput)}
      <textarea
        className={cx(
          'govuk-textarea govuk-js-character-count',
          props.errorMessage && 'govuk-textarea--error',
          props.classes,
        )}
        id={id}
        name={props.name}
        rows={props.rows ?? 5}
        spellCheck={props.spellcheck}
        value={props.value}
        defaultValue={props.defaultValue}
        aria-describedby={describedBy}
        onChange={props.onChange}
        {...props.attributes}
      />
      <Hint
        id={`${id}-info`}
        classes={cx('govuk-character-count__message', props.countMessage?.classes)}
        text={limit === undefined ? undefined : description}
      />
      {content(props.formGroup?.afterInput)}
    </FormGroup>
  );
}
