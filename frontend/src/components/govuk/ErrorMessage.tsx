import { cx, content, type Attributes, type TextOrHtml } from './shared';

export interface ErrorMessageProps extends TextOrHtml {
  id?: string;
  classes?: string;
  attributes?: Attributes;
  /** Read before the message by screen readers; "Error" unless set. */
  visuallyHiddenText?: string | false;
}

/** The red message above a field that failed validation. */
export function ErrorMessage(props: ErrorMessageProps) {
  const prefix = props.visuallyHiddenText ?? 'Error';

  return (
    <p id={props.id} className={cx('govuk-error-message', props.classes)} {...props.attributes}>
      {prefix !== false && (
        <>
          <span className="govuk-visually-hidden">{prefix}:</span>{' '}
        </>
      )}
      {content(props)}
    </p>
  );
}
