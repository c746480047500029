import { Link } from './link';
import { cx, type Attributes, type TextOrHtml } from './shared';

export interface BackLinkProps extends TextOrHtml {
  href: string;
  classes?: string;
  attributes?: Attributes;
}

export function BackLink(props: BackLinkProps) {
  return (
    <Link href={props.href} className={cx('govuk-back-link', props.classes)} {...props.attributes}>
      {props.text ?? props.html ?? 'Back'}
    </Link>
  );
}
