import { useEffect, useRef, type ReactNode } from 'react';
import { cx, type Attributes } from './shared';

export interface NotificationBannerProps {
  text?: string;
  html?: ReactNode;
  titleText?: string;
  titleHtml?: ReactNode;
  titleHeadingLevel?: 2 | 3 | 4 | 5 | 6;
  /** `success` for the green banner that confirms an action. */
  type?: 'success';
  role?: string;
  titleId?: string;
  /** A success banner takes focus when it appears unless this is set. */
  disableAutoFocus?: boolean;
  classes?: string;
  attributes?: Attributes;
}

/**
 * Tells people about something important or that an action worked. A
 * success banner is an alert and takes focus when it appears, which the
 * library's script would do; React does it so that it also happens when
 * the banner appears after the page has started.
 */
export function NotificationBanner(props: NotificationBannerProps) {
  const ref = useRef<HTMLDivElement>(null);
  const success = props.type === 'success';
  const role = props.role ?? (success ? 'alert' : 'region');
  const titleId = props.titleId ?? 'govuk-notification-banner-title';
  const Heading = `h${props.titleHeadingLevel ?? 2}` as 'h2';
  const title = props.titleText ?? props.titleHtml ?? (success ? 'Success' : 'Important');
  const autoFocus = role === 'alert' && !props.disableAutoFocus;

  useEffect(() => {
    if (autoFocus) ref.current?.focus();
  }, [autoFocus]);

  return (
    <div
      ref={ref}
      className={cx(
        'govuk-notification-banner',
        success && 'govuk-notification-banner--success',
        props.classes,
      )}
      role={role}
      aria-labelledby={titleId}
      tabIndex={autoFocus ? -1 : undefined}
      data-module="govuk-notification-banner"
      {...props.attributes}
    >
      <div className="govuk-notification-banner__header">
        <Heading className="govuk-notification-banner__title" id={titleId}>
          {title}
        </Heading>
      </div>
      <div className="govuk-notification-banner__content">
        {props.html ?? <p className="govuk-notification-banner__heading">{props.text}</p>}
      </div>
    </div>
  );
}
