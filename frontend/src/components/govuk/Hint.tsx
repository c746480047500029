import { cx, content, type Attributes, type TextOrHtml } from './shared';

export interface HintProps extends TextOrHtml {
  id?: string;
  classes?: string;
  attributes?: Attributes;
}

export function Hint(props: HintProps) {
  return (
    <div id={props.id} className={cx('govuk-hint', props.classes)} {...props.attributes}>
      {content(props)}
    </div>
  );
}
