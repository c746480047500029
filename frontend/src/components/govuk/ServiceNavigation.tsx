import type { ReactNode } from 'react';
import { ServiceNavigation as GovukServiceNavigation } from 'govuk-frontend';
import { Link } from './link';
import { cx, content, type Attributes, type TextOrHtml } from './shared';
import { useGovukModule } from './useGovukModule';

export interface ServiceNavigationItem extends TextOrHtml {
  /** The page the person is on: marked with aria-current="page". */
  current?: boolean;
  /** In the section the person is in: marked with aria-current="true". */
  active?: boolean;
  href?: string;
  attributes?: Attributes;
}

export interface ServiceNavigationProps {
  classes?: string;
  attributes?: Attributes;
  ariaLabel?: string;
  menuButtonText?: string;
  menuButtonLabel?: string;
  navigationLabel?: string;
  navigationId?: string;
  navigationClasses?: string;
  collapseNavigationOnMobile?: boolean;
  serviceName?: string;
  serviceUrl?: string;
  navigation: ServiceNavigationItem[];
  slots?: {
    start?: ReactNode;
    end?: ReactNode;
    navigationStart?: ReactNode;
    navigationEnd?: ReactNode;
  };
}

/**
 * The bar under the header naming the service (for sendqa: the local area)
 * with its main menu. Its script collapses the menu behind a button on
 * narrow screens.
 */
export function ServiceNavigation(props: ServiceNavigationProps) {
  const ref = useGovukModule<HTMLElement>(GovukServiceNavigation);
  const menuButtonText = props.menuButtonText ?? 'Menu';
  const navigationId = props.navigationId ?? 'navigation';
  const items = props.navigation.filter(Boolean);
  const collapse = props.collapseNavigationOnMobile ?? items.length > 1;
  const hasSlots = props.slots?.navigationStart || props.slots?.navigationEnd;

  const inner = (
    <div className="govuk-width-container">
      {props.slots?.start}
      <div className="govuk-service-navigation__container">
        {props.serviceName && (
          <span className="govuk-service-navigation__service-name">
            {props.serviceUrl ? (
              <Link href={props.serviceUrl} className="govuk-service-navigation__link">
                {props.serviceName}
              </Link>
            ) : (
              <span className="govuk-service-navigation__text">{props.serviceName}</span>
            )}
          </span>
        )}
        {(items.length > 0 || hasSlots) && (
          <nav
            aria-label={props.navigationLabel ?? menuButtonText}
            className={cx('govuk-service-navigation__wrapper', props.navigationClasses)}
          >
            {collapse && (
              <button
                type="button"
                className="govuk-service-navigation__toggle govuk-js-service-navigation-toggle"
                aria-controls={navigationId}
                aria-label={
                  props.menuButtonLabel !== menuButtonText ? props.menuButtonLabel : undefined
                }
                hidden
              >
                {menuButtonText}
              </button>
            )}
            <ul className="govuk-service-navigation__list" id={navigationId}>
              {props.slots?.navigationStart}
              {items.map((item, index) => (
                <NavigationItem key={item.href ?? index} {...item} />
              ))}
              {props.slots?.navigationEnd}
            </ul>
          </nav>
        )}
      </div>
      {props.slots?.end}
    </div>
  );

  // With a name the bar is a landmark of its own; without one the <nav>
  // inside is landmark enough.
  if (props.serviceName || props.slots?.start || props.slots?.end) {
    return (
      <section
        ref={ref}
        aria-label={props.ariaLabel ?? 'Service information'}
        className={cx('govuk-service-navigation', props.classes)}
        data-module="govuk-service-navigation"
        {...props.attributes}
      >
        {inner}
      </section>
    );
  }

  return (
    <div
      ref={ref as React.Ref<HTMLDivElement>}
      className={cx('govuk-service-navigation', props.classes)}
      data-module="govuk-service-navigation"
      {...props.attributes}
    >
      {inner}
    </div>
  );
}

function NavigationItem(item: ServiceNavigationItem) {
  const highlighted = item.active || item.current;
  const ariaCurrent = highlighted ? (item.current ? 'page' : 'true') : undefined;
  // Bold text keeps the current item visible when colours are overridden.
  const label = highlighted ? (
    <strong className="govuk-service-navigation__active-fallback">{content(item)}</strong>
  ) : (
    content(item)
  );

  return (
    <li
      className={cx(
        'govuk-service-navigation__item',
        highlighted && 'govuk-service-navigation__item--active',
      )}
    >
      {item.href ? (
        <Link
          className="govuk-service-navigation__link"
          href={item.href}
          aria-current={ariaCurrent}
          {...item.attributes}
        >
          {label}
        </Link>
      ) : (
        <span className="govuk-service-navigation__text" aria-current={ariaCurrent}>
          {label}
        </span>
      )}
    </li>
  );
}
