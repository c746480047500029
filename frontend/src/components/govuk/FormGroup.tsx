import type { ReactNode, Ref } from 'react';
import { ErrorMessage, type ErrorMessageProps } from './ErrorMessage';
import { Hint, type HintProps } from './Hint';
import { cx, content, type Attributes, type TextOrHtml } from './shared';

/** The macros' `formGroup` parameter. */
export interface FormGroupOptions {
  classes?: string;
  attributes?: Attributes;
  beforeInput?: TextOrHtml;
  afterInput?: TextOrHtml;
  beforeInputs?: TextOrHtml;
  afterInputs?: TextOrHtml;
}

/** A field's error message, or nothing (the macros accept `false`). */
export type FieldError = ErrorMessageProps | false | null | undefined;

interface FormGroupProps {
  formGroup?: FormGroupOptions;
  errorMessage?: FieldError;
  /** The GOV.UK Frontend module started on this group, if any. */
  module?: string;
  rootRef?: Ref<HTMLDivElement>;
  children: ReactNode;
}

export function FormGroup(props: FormGroupProps) {
  return (
    <div
      ref={props.rootRef}
      data-module={props.module}
      className={cx(
        'govuk-form-group',
        props.errorMessage && 'govuk-form-group--error',
        props.formGroup?.classes,
      )}
      {...props.formGroup?.attributes}
    >
      {props.children}
    </div>
  );
}

/**
 * The hint and error message shown between a label and its field, with
 * the ids the field must name in aria-describedby, in the macros' order.
 */
export function useHintAndError(
  id: string,
  hint: HintProps | undefined,
  errorMessage: FieldError,
  describedBy?: string,
) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errorMessage ? `${id}-error` : undefined;
  const ids = [describedBy, hintId, errorId].filter(Boolean).join(' ');

  const nodes = (
    <>
      {hint && <Hint {...hint} id={hintId} />}
      {errorMessage && <ErrorMessage {...errorMessage} id={errorId} />}
    </>
  );

  return { nodes, describedBy: ids === '' ? undefined : ids };
}

export { content };
