import type { ReactNode } from 'react';

/**
 * Lets a wide table scroll sideways inside the page on a narrow screen,
 * so the page itself never does (WCAG 1.4.10). The region is focusable
 * and named, so keyboard users can scroll it too.
 */
export function ScrollRegion(props: { label: string; children: ReactNode }) {
  return (
    // A scrolling region must take focus to be scrolled without a mouse.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div className="app-scroll-region" role="region" aria-label={props.label} tabIndex={0}>
      {props.children}
    </div>
  );
}
