import { cx, content, type Attributes, type TextOrHtml } from './shared';

export interface LabelProps extends TextOrHtml {
  for?: string;
  isPageHeading?: boolean;
  classes?: string;
  attributes?: Attributes;
}

/** The GOV.UK label; as a page heading it sits inside the page's h1. */
export function Label(props: LabelProps) {
  const label = (
    <label className={cx('govuk-label', props.classes)} htmlFor={props.for} {...props.attributes}>
      {content(props)}
    </label>
  );

  if (!props.isPageHeading) return label;

  return <h1 className="govuk-label-wrapper">{label}</h1>;
}
