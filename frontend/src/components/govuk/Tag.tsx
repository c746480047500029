import { cx, content, type Attributes, type TextOrHtml } from './shared';

export interface TagProps extends TextOrHtml {
  /** A colour modifier, e.g. `govuk-tag--green`. */
  classes?: string;
  attributes?: Attributes;
}

export function Tag(props: TagProps) {
  return (
    <strong className={cx('govuk-tag', props.classes)} {...props.attributes}>
      {content(props)}
    </strong>
  );
}
