import type { ReactNode } from 'react';
import { Link } from './link';
import { cx, type Attributes } from './shared';

export interface HeaderProps {
  /** Where the name links to; the home page unless set. */
  url?: string;
  logoText?: string;
  logoHtml?: ReactNode;
  containerClasses?: string;
  classes?: string;
  attributes?: Attributes;
}

/**
 * The page header. sendqa is not a GOV.UK service, so this wraps the
 * design system's generic header (the `govukGenericHeader` macro): a name,
 * no crown and no GOV.UK logotype. Pair it with ServiceNavigation for the
 * local area's name and the menu.
 */
export function Header(props: HeaderProps) {
  return (
    <div className={cx('govuk-generic-header', props.classes)} {...props.attributes}>
      <div
        className={cx(
          'govuk-generic-header__container',
          props.containerClasses ?? 'govuk-width-container',
        )}
      >
        <div className="govuk-generic-header__logo">
          <Link href={props.url ?? '/'} className="govuk-generic-header__homepage-link">
            {props.logoText ?? props.logoHtml}
          </Link>
        </div>
      </div>
    </div>
  );
}
