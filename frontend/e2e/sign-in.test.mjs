// The sign-in page in a real browser: it renders under the production
// CSP, axe finds no WCAG 2.2 AA violation (empty and with errors), nothing
// scrolls sideways at 320px, and the keyboard reaches every control.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  assertAxeClean,
  assertNoHorizontalScroll,
  launchBrowser,
  newPage,
  tabOrder,
} from './lib.mjs';
import { startTarget } from './server.mjs';

describe('sign-in page', () => {
  let browser;
  let server;
  let baseUrl;

  before(async () => {
    server = await startTarget();
    baseUrl = server.url;
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function openSignIn() {
    const page = await newPage(browser);
    const apiCalls = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/api/')) apiCalls.push(request.url());
    });
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByRole('heading', { name: 'Sign in to sendqa' }).waitFor();
    page.apiCalls = apiCalls;

    return page;
  }

  it('renders with its title and no browser errors', async () => {
    const page = await openSignIn();

    assert.equal(await page.title(), 'Sign in – sendqa');
    assert.equal(await page.getByRole('banner').getByRole('link', { name: 'sendqa' }).count(), 1);
    assert.equal(await page.getByRole('main').count(), 1);
    assert.equal(await page.getByRole('contentinfo').count(), 1);
    assert.deepEqual(page.problems, [], 'no console errors, CSP refusals or exceptions');
    assert.deepEqual(page.apiCalls, [], 'the sign-in page needs no API call to render');
    await page.context().close();
  });

  it('has no WCAG 2.2 AA violation', async () => {
    const page = await openSignIn();

    await assertAxeClean(page, 'the sign-in page');
    await page.context().close();
  });

  it('has no WCAG 2.2 AA violation when showing errors, and focuses the summary', async () => {
    const page = await openSignIn();

    await page.getByRole('button', { name: 'Sign in' }).click();
    const summary = page.locator('.govuk-error-summary');
    await summary.waitFor();

    assert.equal(await summary.evaluate((element) => element === document.activeElement), true);
    assert.equal(await page.title(), 'Error: Sign in – sendqa');
    await assertAxeClean(page, 'the sign-in page with errors');
    await page.context().close();
  });

  it('does not scroll sideways at 320 CSS pixels', async () => {
    const page = await openSignIn();

    await assertNoHorizontalScroll(page, 'the sign-in page');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await assertNoHorizontalScroll(page, 'the sign-in page with errors');
    await page.context().close();
  });

  it('lets the keyboard alone reach the skip link, email, password and button', async () => {
    const page = await openSignIn();

    const order = await tabOrder(page, 15);
    const ids = order.map((element) => element.id ?? element.name);

    assert.equal(order[0]?.name, 'Skip to main content', 'the skip link comes first');
    const email = ids.indexOf('email');
    const password = ids.indexOf('password');
    const button = order.findIndex(
      (element) => element.tag === 'button' && element.name === 'Sign in',
    );
    assert.ok(email > 0, `email field reached: ${JSON.stringify(order)}`);
    assert.ok(password > email, 'password field after email');
    assert.ok(button > password, 'Sign in button after password');

    // The skip link takes focus into the main content.
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByRole('heading', { name: 'Sign in to sendqa' }).waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const focused = await page.evaluate(() => document.activeElement?.id);
    assert.equal(focused, 'main-content');
    await page.context().close();
  });

  it('keeps no token in web storage', async () => {
    const page = await openSignIn();

    const stored = await page.evaluate(() => localStorage.length + sessionStorage.length);
    assert.equal(stored, 0);
    await page.context().close();
  });
});
