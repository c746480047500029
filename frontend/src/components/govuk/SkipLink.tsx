import type { MouseEvent } from 'react';
import { cx, type Attributes, type TextOrHtml } from './shared';

export interface SkipLinkProps extends TextOrHtml {
  /** `#<id>` of the main content; `#main-content` unless set. */
  href?: string;
  classes?: string;
  attributes?: Attributes;
}

/**
 * The first link on every page, shown on focus, to jump past the header.
 * It focuses its target itself instead of using the library's script,
 * which holds on to the element it found at start: in a single-page app
 * the target may be re-rendered, and a hash in the URL would be a
 * navigation to the router.
 */
export function SkipLink(props: SkipLinkProps) {
  const href = props.href ?? '#main-content';

  function skip(event: MouseEvent<HTMLAnchorElement>) {
    const target = document.getElementById(href.slice(1));
    if (!target) return;

    event.preventDefault();
    if (!target.hasAttribute('tabindex')) {
      target.setAttribute('tabindex', '-1');
      target.addEventListener('blur', () => target.removeAttribute('tabindex'), { once: true });
    }
    target.classList.add('govuk-skip-link-focused-element');
    target.addEventListener(
      'blur',
      () => target.classList.remove('govuk-skip-link-focused-element'),
      { once: true },
    );
    target.focus();
  }

  return (
    <a
      href={href}
      className={cx('govuk-skip-link', props.classes)}
      onClick={skip}
      {...props.attributes}
    >
      {props.text ?? props.html ?? 'Skip to main content'}
    </a>
  );
}
