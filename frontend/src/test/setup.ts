import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// As main.tsx does in the browser, so the GOV.UK scripts start in tests.
document.body.classList.add('js-enabled', 'govuk-frontend-supported');

// Tests load no CSS, but the tabs and the service navigation read the
// breakpoints GOV.UK Frontend's CSS puts on :root.
const breakpoints = { mobile: '20rem', tablet: '40.0625rem', desktop: '48.0625rem' };
for (const [name, value] of Object.entries(breakpoints)) {
  document.documentElement.style.setProperty(`--govuk-breakpoint-${name}`, value);
}

// Pages load lazily, and the first import of one is transformed on the
// spot; on a busy two-core machine that can pass the default second.
configure({ asyncUtilTimeout: 10_000 });

afterEach(() => {
  cleanup();
});

// jsdom has no media queries: every query answers "no match", as on the
// narrowest screen, where tabs are a list and the menu collapses.
if (!window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      addListener: () => undefined,
      removeListener: () => undefined,
      dispatchEvent: () => false,
    }) as MediaQueryList;
}
