// Helpers for browser tests: Debian's Chromium driven by playwright-core,
// axe-core for WCAG checks, and a reflow check at 320 CSS pixels.
//
// The tests never download a browser: they use /usr/bin/chromium
// (`apt-get install -y chromium`). Set SENDQA_BASE_URL to test a running
// server; otherwise each test file serves dist/ itself.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

export const chromiumPath = process.env.SENDQA_CHROMIUM ?? '/usr/bin/chromium';

// Without the networking flags Chromium keeps calling Google's services,
// which this machine's closed network refuses, many times over.
const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Starts Chromium. playwright-core gives every launch a new, empty
 * profile (its own --user-data-dir in a temporary folder), so no test
 * sees another's cookies.
 */
export async function launchBrowser() {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium is not at ${chromiumPath}: run \`apt-get install -y chromium\` as root`,
    );
  }

  return chromium.launch({ executablePath: chromiumPath, args: chromiumFlags });
}

/** The password every demo account is seeded with. */
export const demoPassword = process.env.SENDQA_DEMO_PASSWORD ?? 'demo-password-2026';

/**
 * Fills in and sends the sign-in form at `baseUrl` as `email`, without
 * waiting for the outcome: for tests that check what follows themselves.
 */
export async function submitSignIn(page, baseUrl, email, password = demoPassword) {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs `page` in as `email` and waits until the app has left the sign-in page. */
export async function signIn(page, baseUrl, email, password = demoPassword) {
  await submitSignIn(page, baseUrl, email, password);
  await page.waitForURL((url) => url.pathname !== '/sign-in');
}

/** The address of the server under test, without a trailing slash. */
export function baseUrlFromEnv() {
  const url = process.env.SENDQA_BASE_URL;

  return url ? url.replace(/\/+$/, '') : undefined;
}

/**
 * Opens a page that records what the browser complains about: console
 * errors (a Content-Security-Policy refusal among them) and uncaught
 * exceptions. Check `page.problems` at the end of a test.
 */
export async function newPage(browser, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') page.problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => page.problems.push(`exception: ${error.message}`));

  return page;
}

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Runs axe-core on the page against WCAG 2.2 A and AA and returns the
 * violations. axe is evaluated through the DevTools protocol rather than
 * added as a <script>, which the page's CSP would rightly refuse.
 */
export async function axeViolations(page) {
  await page.evaluate(axeSource);

  return page.evaluate(async (tags) => {
    const results = await window.axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });

    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      helpUrl: violation.helpUrl,
      nodes: violation.nodes.map((node) => ({
        target: node.target.join(' '),
        summary: node.failureSummary,
      })),
    }));
  }, wcagTags);
}

/** Formats violations for a failure message a person can act on. */
export function formatViolations(violations) {
  return violations
    .map((violation) => {
      const nodes = violation.nodes
        .map((node) => `    at ${node.target}\n      ${node.summary.replace(/\n/g, '\n      ')}`)
        .join('\n');

      return `- ${violation.id} (${violation.impact}): ${violation.help}\n  ${violation.helpUrl}\n${nodes}`;
    })
    .join('\n');
}

/** Fails with readable details when axe finds any WCAG violation. */
export async function assertAxeClean(page, label = page.url()) {
  const violations = await axeViolations(page);
  if (violations.length > 0) {
    throw new Error(
      `axe found ${violations.length} WCAG violation(s) on ${label}:\n${formatViolations(violations)}`,
    );
  }
}

/**
 * Checks WCAG 1.4.10 (reflow): at 320 CSS pixels wide nothing makes the
 * page scroll sideways. Names the widest elements when something does.
 */
export async function assertNoHorizontalScroll(page, label = page.url()) {
  const previous = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 640 });
  try {
    const overflow = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const scrollWidth = document.documentElement.scrollWidth;
      if (scrollWidth <= width) return null;

      const offenders = [...document.body.querySelectorAll('*')]
        .filter((element) => element.getBoundingClientRect().right > width + 0.5)
        .slice(0, 5)
        .map((element) => {
          const id = element.id ? `#${element.id}` : '';
          const classes = element.classList.length ? `.${[...element.classList].join('.')}` : '';

          return `${element.tagName.toLowerCase()}${id}${classes}`;
        });

      return { width, scrollWidth, offenders };
    });
    if (overflow) {
      throw new Error(
        `${label} scrolls sideways at 320px: content is ${overflow.scrollWidth}px wide ` +
          `in a ${overflow.width}px viewport; widest: ${overflow.offenders.join(', ')}`,
      );
    }
  } finally {
    if (previous) await page.setViewportSize(previous);
  }
}

/**
 * Presses Tab from the top of the page and returns a description of each
 * element that gets focus, in order, up to `limit` presses.
 */
export async function tabOrder(page, limit = 20) {
  const order = [];
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement;
      if (!element || element === document.body) return null;
      const label = element.labels?.[0]?.textContent?.trim();

      return {
        tag: element.tagName.toLowerCase(),
        id: element.id || null,
        type: element.getAttribute('type'),
        name: label ?? element.getAttribute('aria-label') ?? element.textContent?.trim() ?? '',
      };
    });
    if (focused) order.push(focused);
  }

  return order;
}
