// Every page of the app's frame in a real browser, signed in as people
// with different roles, with the API's auth routes answered by the test
// (page.route) so that no backend is needed: axe finds no WCAG 2.2 AA
// violation, nothing scrolls sideways at 320px, and each has its title.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertAxeClean, assertNoHorizontalScroll, launchBrowser, newPage } from './lib.mjs';
import { startTarget } from './server.mjs';

const qaLead = {
  person: {
    id: '00000000-0000-4000-8000-000000000001',
    email: 'qa_lead@dudley.example.org',
    name: 'Dana Lead',
  },
  memberships: [
    {
      tenant: 'dudley',
      tenant_name: 'Dudley',
      region: 'black-country',
      roles: ['qa_lead', 'tenant_admin'],
    },
  ],
};

const icbAuditor = {
  person: {
    id: '00000000-0000-4000-8000-000000000002',
    email: 'icb.auditor@blackcountry.example.org',
    name: 'Ike Auditor',
  },
  memberships: ['wolverhampton', 'dudley', 'sandwell', 'walsall'].map((tenant) => ({
    tenant,
    tenant_name: tenant.charAt(0).toUpperCase() + tenant.slice(1),
    region: 'black-country',
    roles: ['auditor'],
  })),
};

const youngPerson = {
  person: {
    id: '00000000-0000-4000-8000-000000000003',
    email: 'young_person@walsall.example.org',
    name: 'Sam Young',
  },
  memberships: [
    { tenant: 'walsall', tenant_name: 'Walsall', region: 'black-country', roles: ['young_person'] },
  ],
};

// The browser's clock in the time-out tests, which install a fake one.
const start = new Date('2026-12-03T10:00:00Z').getTime();

/**
 * Answers the auth routes as a signed-in `session` would get them: the
 * session ends `idle` minutes after `from` (the browser's time: now, or
 * the fake clock's start), and each refresh moves the end to
 * `afterRefresh` minutes after it.
 */
async function signInAs(page, session, { from = Date.now(), idle = 30, afterRefresh = 60 } = {}) {
  const calls = [];
  const minutes = (n) => new Date(from + n * 60_000).toISOString();
  const expiry = (end) => ({ idle_expires_at: minutes(end), absolute_expires_at: minutes(600) });
  await page.route('**/api/v1/auth/**', async (route) => {
    const request = route.request();
    const path = new URL(request.url()).pathname;
    calls.push({ method: request.method(), path, csrf: request.headers()['x-requested-with'] });
    if (path.endsWith('/auth/me')) {
      await route.fulfill({ json: { ...session, session: expiry(idle) } });
    } else if (path.endsWith('/auth/refresh')) {
      await route.fulfill({ json: { ...session, session: expiry(afterRefresh) } });
    } else {
      await route.fulfill({ status: 204 });
    }
  });

  return calls;
}

describe('pages of the frame', () => {
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

  const pages = [
    {
      name: 'home of a QA lead',
      session: qaLead,
      path: '/t/dudley',
      heading: 'Welcome, Dana',
      title: 'Home – Dudley – sendqa',
    },
    {
      name: 'home of a young person',
      session: youngPerson,
      path: '/t/walsall',
      heading: 'Welcome, Sam',
      title: 'Home – Walsall – sendqa',
    },
    {
      name: 'choose a local area',
      session: icbAuditor,
      path: '/choose-area',
      heading: 'Which local area do you want to work in?',
      title: 'Choose a local area – sendqa',
    },
    {
      name: 'page not found',
      session: qaLead,
      path: '/no-such-page',
      heading: 'Page not found',
      title: 'Page not found – sendqa',
    },
    {
      name: 'another area is not found',
      session: qaLead,
      path: '/t/walsall',
      heading: 'Page not found',
      title: 'Page not found – sendqa',
    },
    {
      name: 'forbidden',
      session: qaLead,
      path: '/forbidden',
      heading: 'You cannot see this page',
      title: 'You cannot see this page – sendqa',
    },
    {
      name: 'accessibility statement',
      path: '/accessibility',
      heading: 'Accessibility statement for sendqa',
      title: 'Accessibility statement – sendqa',
    },
    {
      name: 'privacy notice',
      path: '/privacy',
      heading: 'Privacy notice',
      title: 'Privacy notice – sendqa',
    },
    { name: 'cookies', path: '/cookies', heading: 'Cookies', title: 'Cookies – sendqa' },
    {
      name: 'signed out',
      session: qaLead,
      path: '/sign-out',
      heading: 'You have signed out',
      title: 'You have signed out – sendqa',
    },
    {
      name: 'signed out after a timeout',
      path: '/sign-in?reason=timeout',
      heading: 'Sign in to sendqa',
      title: 'Sign in – sendqa',
    },
  ];

  for (const spec of pages) {
    it(`${spec.name}: titled, axe clean and no sideways scroll at 320px`, async () => {
      const page = await newPage(browser);
      if (spec.session) await signInAs(page, spec.session);

      await page.goto(baseUrl + spec.path);
      await page.getByRole('heading', { name: spec.heading, exact: true }).first().waitFor();

      assert.equal(await page.title(), spec.title);
      await assertAxeClean(page, spec.name);
      await assertNoHorizontalScroll(page, spec.name);
      assert.deepEqual(page.problems, []);
      await page.context().close();
    });
  }

  it('choose a local area with an error: axe clean and focus on the summary', async () => {
    const page = await newPage(browser);
    await signInAs(page, icbAuditor);
    await page.goto(`${baseUrl}/choose-area`);

    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('.govuk-error-summary').waitFor();

    assert.equal(
      await page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary')),
      true,
    );
    await assertAxeClean(page, 'choose a local area with an error');
    await page.getByRole('link', { name: 'Select the local area you want to work in' }).click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'tenant');
    await page.context().close();
  });

  it('signs out with a POST carrying the CSRF header', async () => {
    const page = await newPage(browser);
    const calls = await signInAs(page, qaLead);

    await page.goto(`${baseUrl}/t/dudley`);
    await page.getByRole('heading', { name: 'Welcome, Dana' }).waitFor();
    const menu = page.getByRole('button', { name: 'Menu' });
    if (await menu.isVisible()) await menu.click();
    await page.getByRole('link', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'You have signed out' }).waitFor();

    const logout = calls.find((call) => call.path.endsWith('/auth/logout'));
    assert.deepEqual(logout, { method: 'POST', path: '/api/v1/auth/logout', csrf: 'sendqa' });
    await page.context().close();
  });

  it('warns two minutes before the idle limit and keeps the session on request', async () => {
    const page = await newPage(browser);
    await page.clock.install({ time: start });
    const calls = await signInAs(page, qaLead, { from: start, idle: 10, afterRefresh: 40 });
    await page.goto(`${baseUrl}/t/dudley`);
    await page.getByRole('heading', { name: 'Welcome, Dana' }).waitFor();

    await page.clock.fastForward('08:01');
    const dialog = page.getByRole('dialog', { name: 'You will be signed out soon' });
    await dialog.waitFor();
    await assertAxeClean(page, 'the session timeout warning');
    const focusedInDialog = await page.evaluate(() => !!document.activeElement?.closest('dialog'));
    assert.equal(focusedInDialog, true, 'focus moves into the warning');

    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    const refresh = calls.find((call) => call.path.endsWith('/auth/refresh'));
    assert.deepEqual(refresh, { method: 'POST', path: '/api/v1/auth/refresh', csrf: 'sendqa' });
    await page.context().close();
  });

  it('signs out at the idle limit and offers to sign in again', async () => {
    const page = await newPage(browser);
    await page.clock.install({ time: start });
    await signInAs(page, qaLead, { from: start, idle: 10 });
    await page.goto(`${baseUrl}/t/dudley`);
    await page.getByRole('heading', { name: 'Welcome, Dana' }).waitFor();

    await page.clock.fastForward('10:01');
    await page.getByRole('heading', { name: 'Sign in to sendqa' }).waitFor();

    const url = new URL(page.url());
    assert.equal(url.searchParams.get('next'), '/t/dudley');
    assert.equal(url.searchParams.get('reason'), 'timeout');
    await page.context().close();
  });
});
