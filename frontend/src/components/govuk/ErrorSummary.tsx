import { useEffect, useRef, type MouseEvent, type ReactNode, type Ref } from 'react';
import { cx, content, type Attributes, type TextOrHtml } from './shared';

export interface ErrorSummaryItem extends TextOrHtml {
  /** `#<field id>`; see lib/forms fieldId for how ids are made. */
  href?: string;
  attributes?: Attributes;
}

export interface ErrorSummaryProps {
  titleText?: string;
  titleHtml?: ReactNode;
  descriptionText?: string;
  descriptionHtml?: ReactNode;
  errorList: ErrorSummaryItem[];
  /** Leave focus where it is when the summary appears or changes. */
  disableAutoFocus?: boolean;
  classes?: string;
  attributes?: Attributes;
  summaryRef?: Ref<HTMLDivElement>;
}

/**
 * The summary of what is wrong at the top of a form. It takes focus when
 * it appears and again whenever its list changes (each failed submit
 * renders a new list), so screen readers announce it and keyboard users
 * start from it.
 *
 * The library's script does the same, but only once, at start; here the
 * component stays mounted across submits, so React owns the focus.
 */
export function ErrorSummary(props: ErrorSummaryProps) {
  const ref = useRef<HTMLDivElement>(null);
  const title = props.titleText ?? props.titleHtml ?? 'There is a problem';
  const description = content({
    text: props.descriptionText,
    html: props.descriptionHtml,
  });

  useEffect(() => {
    if (props.disableAutoFocus || !ref.current) return;

    ref.current.focus();
  }, [props.errorList, props.disableAutoFocus]);

  return (
    <div
      ref={(element) => {
        ref.current = element;
        if (typeof props.summaryRef === 'function') props.summaryRef(element);
        else if (props.summaryRef) props.summaryRef.current = element;
      }}
      className={cx('govuk-error-summary', props.classes)}
      tabIndex={-1}
      data-module="govuk-error-summary"
      {...props.attributes}
    >
      {/* role=alert sits on a child so that it is announced after focus
          lands, not in a race with it. */}
      <div role="alert">
        <h2 className="govuk-error-summary__title">{title}</h2>
        <div className="govuk-error-summary__body">
          {description && <p>{description}</p>}
          {props.errorList.length > 0 && (
            <ul className="govuk-list govuk-error-summary__list">
              {props.errorList.map((item, index) => (
                <li key={`${item.href ?? ''}${index}`}>
                  {item.href ? (
                    <a href={item.href} onClick={focusTarget} {...item.attributes}>
                      {content(item)}
                    </a>
                  ) : (
                    content(item)
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </div>
  );
}

const focusable = 'input, select, textarea, button';

/**
 * Moves focus to the field a summary link names and scrolls its question
 * (legend or label) into view, as the GOV.UK script does, without touching
 * the URL (a hash change would be a navigation to the SPA's router). A
 * link to a group (date input, radios) focuses the group's first input.
 */
function focusTarget(event: MouseEvent<HTMLAnchorElement>) {
  const id = decodeURIComponent(event.currentTarget.hash.slice(1));
  const target = id ? document.getElementById(id) : null;
  if (!target) return;

  const input = target.matches(focusable)
    ? (target as HTMLInputElement)
    : target.querySelector<HTMLInputElement>(focusable);
  if (!input) return;

  event.preventDefault();
  const question = input.closest('fieldset')?.querySelector('legend') ?? input.labels?.[0] ?? input;
  question.scrollIntoView?.();
  input.focus({ preventScroll: true });
}
