import type { ChangeEventHandler, Ref } from 'react';
import { PasswordInput as GovukPasswordInput } from 'govuk-frontend';
import { FormGroup, useHintAndError, type FieldError, type FormGroupOptions } from './FormGroup';
import type { HintProps } from './Hint';
import { Label, type LabelProps } from './Label';
import { cx, content, defined, type Attributes } from './shared';
import { useGovukModule } from './useGovukModule';

export interface PasswordInputProps {
  id?: string;
  name: string;
  value?: string;
  defaultValue?: string;
  disabled?: boolean;
  describedBy?: string;
  label: LabelProps;
  hint?: HintProps;
  errorMessage?: FieldError;
  formGroup?: FormGroupOptions;
  classes?: string;
  /** `current-password` unless set; use `new-password` when setting one. */
  autocomplete?: string;
  attributes?: Attributes;
  showPasswordText?: string;
  hidePasswordText?: string;
  showPasswordAriaLabelText?: string;
  hidePasswordAriaLabelText?: string;
  passwordShownAnnouncementText?: string;
  passwordHiddenAnnouncementText?: string;
  button?: { classes?: string };
  onChange?: ChangeEventHandler<HTMLInputElement>;
  inputRef?: Ref<HTMLInputElement>;
}

/**
 * The GOV.UK password input. Its script reveals the Show button and swaps
 * the input's type; without the script it is a plain password field.
 */
export function PasswordInput(props: PasswordInputProps) {
  const id = props.id ?? props.name;
  const root = useGovukModule<HTMLDivElement>(GovukPasswordInput, {
    i18n: defined({
      showPassword: props.showPasswordText,
      hidePassword: props.hidePasswordText,
      showPasswordAriaLabel: props.showPasswordAriaLabelText,
      hidePasswordAriaLabel: props.hidePasswordAriaLabelText,
      passwordShownAnnouncement: props.passwordShownAnnouncementText,
      passwordHiddenAnnouncement: props.passwordHiddenAnnouncementText,
    }),
  });
  const { nodes, describedBy } = useHintAndError(
    id,
    props.hint,
    props.errorMessage,
    props.describedBy,
  );

  return (
    <FormGroup
      rootRef={root}
      module="govuk-password-input"
      formGroup={{
        ...props.formGroup,
        classes: cx('govuk-password-input', props.formGroup?.classes),
      }}
      errorMessage={props.errorMessage}
    >
      <Label {...props.label} for={id} />
      {nodes}
      {content(props.formGroup?.beforeInput)}
      <div className="govuk-input__wrapper govuk-password-input__wrapper">
        <input
          ref={props.inputRef}
          className={cx(
            'govuk-input govuk-password-input__input',
            'govuk-js-password-input-input',
            props.errorMessage && 'govuk-input--error',
            props.classes,
          )}
          id={id}
          name={props.name}
          type="password"
          spellCheck={false}
          autoCapitalize="none"
          autoComplete={props.autocomplete ?? 'current-password'}
          value={props.value}
          defaultValue={props.defaultValue}
          disabled={props.disabled}
          aria-describedby={describedBy}
          onChange={props.onChange}
          {...props.attributes}
        />
        <button
          type="button"
          className={cx(
            'govuk-button govuk-button--secondary',
            'govuk-password-input__toggle govuk-js-password-input-toggle',
            props.button?.classes,
          )}
          data-module="govuk-button"
          aria-controls={id}
          aria-label={props.showPasswordAriaLabelText ?? 'Show password'}
          hidden
        >
          {props.showPasswordText ?? 'Show'}
        </button>
      </div>
      {content(props.formGroup?.afterInput)}
    </FormGroup>
  );
}
