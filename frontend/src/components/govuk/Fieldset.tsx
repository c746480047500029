import type { ReactNode } from 'react';
import { cx, content, type Attributes, type TextOrHtml } from './shared';

export interface FieldsetProps {
  describedBy?: string;
  legend?: TextOrHtml & { classes?: string; isPageHeading?: boolean };
  classes?: string;
  role?: string;
  attributes?: Attributes;
  /** The macro's `html` or caller: the fieldset's content. */
  children?: ReactNode;
}

export function Fieldset(props: FieldsetProps) {
  const { legend } = props;

  return (
    <fieldset
      className={cx('govuk-fieldset', props.classes)}
      role={props.role}
      aria-describedby={props.describedBy}
      {...props.attributes}
    >
      {legend && (
        <legend className={cx('govuk-fieldset__legend', legend.classes)}>
          {legend.isPageHeading ? (
            <h1 className="govuk-fieldset__heading">{content(legend)}</h1>
          ) : (
            content(legend)
          )}
        </legend>
      )}
      {props.children}
    </fieldset>
  );
}
