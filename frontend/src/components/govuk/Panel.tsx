import type { ReactNode } from 'react';
import { cx, type Attributes } from './shared';

export interface PanelProps {
  titleText?: string;
  titleHtml?: ReactNode;
  headingLevel?: 1 | 2 | 3 | 4 | 5 | 6;
  text?: string;
  /** The macro's `html` or caller: the panel's body. */
  html?: ReactNode;
  classes?: string;
  attributes?: Attributes;
}

/** The confirmation panel shown when a transaction is complete. */
export function Panel(props: PanelProps) {
  const Heading = `h${props.headingLevel ?? 1}` as 'h1';
  const body = props.text ?? props.html;

  return (
    <div
      className={cx('govuk-panel govuk-panel--confirmation', props.classes)}
      {...props.attributes}
    >
      <Heading className="govuk-panel__title">{props.titleText ?? props.titleHtml}</Heading>
      {body && <div className="govuk-panel__body">{body}</div>}
    </div>
  );
}
