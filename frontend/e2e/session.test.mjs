// Signing in against a real sendqa server (security test 13): the session
// cookies are __Host-, HttpOnly, Secure and SameSite; no token reaches
// web storage; signing out clears them. Needs the API and its demo data:
// SENDQA_BASE_URL or SENDQA_BIN (see server.mjs); skipped with dist/ alone.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertAxeClean, launchBrowser, newPage, submitSignIn } from './lib.mjs';
import { hasRealServer, startTarget } from './server.mjs';

const skip = !hasRealServer && 'neither SENDQA_BASE_URL nor SENDQA_BIN is set';

describe('a session with the real server', { skip }, () => {
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

  it('keeps the session in __Host- HttpOnly Secure SameSite cookies only', async () => {
    const page = await newPage(browser);

    await submitSignIn(page, baseUrl, 'qa_lead@dudley.example.org');
    await page.getByRole('heading', { name: /^Welcome/ }).waitFor();

    const cookies = await page.context().cookies();
    assert.ok(cookies.length >= 2, `expected access and refresh cookies, got ${cookies.length}`);
    for (const cookie of cookies) {
      assert.ok(cookie.name.startsWith('__Host-'), `${cookie.name} is not __Host-`);
      assert.equal(cookie.httpOnly, true, `${cookie.name} is not HttpOnly`);
      assert.equal(cookie.secure, true, `${cookie.name} is not Secure`);
      assert.ok(
        ['Lax', 'Strict'].includes(cookie.sameSite),
        `${cookie.name} is SameSite=${cookie.sameSite}`,
      );
      assert.equal(cookie.path, '/');
    }
    const stored = await page.evaluate(() => ({
      local: Object.keys(localStorage),
      session: Object.keys(sessionStorage),
      script: document.cookie,
    }));
    assert.deepEqual(stored, { local: [], session: [], script: '' });

    // The limits hold in the browser too: the access cookie lives minutes,
    // the refresh cookie no longer than the session's absolute limit, and
    // the session's own ends are the idle (30 minutes) and absolute (12
    // hours) limits from now.
    const now = Date.now() / 1000;
    const limits = await page.evaluate(async () => {
      const response = await fetch('/api/v1/auth/me', { credentials: 'same-origin' });

      return (await response.json()).session;
    });
    const idleEnd = Date.parse(limits.idle_expires_at) / 1000;
    const absoluteEnd = Date.parse(limits.absolute_expires_at) / 1000;
    const slack = 60;
    assert.ok(
      idleEnd > now && idleEnd <= now + 30 * 60 + slack,
      `idle end ${limits.idle_expires_at}`,
    );
    assert.ok(absoluteEnd <= now + 12 * 3600 + slack, `absolute end ${limits.absolute_expires_at}`);
    const expiry = (name) => cookies.find((cookie) => cookie.name.endsWith(name))?.expires;
    assert.ok(expiry('access') <= now + 5 * 60 + slack, 'the access cookie lives minutes');
    assert.ok(expiry('refresh') <= absoluteEnd + 1, 'the refresh cookie ends with the session');
    await assertAxeClean(page, 'the home page after signing in');

    await page.goto(`${baseUrl}/sign-out`);
    await page.getByRole('heading', { name: 'You have signed out' }).waitFor();
    const left = (await page.context().cookies()).filter((c) => c.name.startsWith('__Host-'));
    assert.deepEqual(left, [], 'signing out clears the session cookies');
    await page.context().close();
  });

  it('shows the error summary for a wrong password, axe clean', async () => {
    const page = await newPage(browser);

    await submitSignIn(page, baseUrl, 'qa_lead@dudley.example.org', 'not-the-password');
    await page.locator('.govuk-error-summary').waitFor();

    assert.equal(await page.title(), 'Error: Sign in – sendqa');
    await assertAxeClean(page, 'sign in with a wrong password');
    await page.context().close();
  });

  it('asks someone in four areas to choose one', async () => {
    const page = await newPage(browser);

    await submitSignIn(page, baseUrl, 'icb.auditor@blackcountry.example.org');
    await page.getByRole('group', { name: 'Which local area do you want to work in?' }).waitFor();
    await page.getByLabel('Walsall').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: /^Welcome/ }).waitFor();

    assert.equal(new URL(page.url()).pathname, '/t/walsall');
    await page.context().close();
  });
});
