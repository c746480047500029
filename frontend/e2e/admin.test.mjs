// Tenant and platform administration against the real server: inviting a
// member who accepts through the emailed link, changing roles, a bulk
// invitation's dry run, removing a member, personal access tokens, an
// expired session coming back to its page, and a platform admin adding
// an area. Reads links from outbound_mail with psql, so it needs
// SENDQA_BIN (see server.mjs); skipped otherwise.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import {
  assertAxeClean,
  assertNoHorizontalScroll,
  demoPassword as password,
  launchBrowser,
  newPage,
  signIn,
} from './lib.mjs';
import { startTarget } from './server.mjs';

const run = promisify(execFile);
const admin = 'tenant_admin@wolverhampton.example.org';

const skip = !process.env.SENDQA_BIN && 'SENDQA_BIN is not set';

describe('administration with the real server', { skip }, () => {
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

  /** The latest link of that kind mailed to `recipient`, from outbound_mail. */
  async function mailedLink(recipient, path) {
    const { stdout } = await run('psql', [
      server.databaseUrl,
      '-Atc',
      `select text_body from outbound_mail where recipient = '${recipient}' order by created_at desc limit 1`,
    ]);
    const match = new RegExp(`https?://\\S+${path}\\?token=[^\\s]+`).exec(stdout);
    assert.ok(match, `no ${path} link in the mail to ${recipient}:\n${stdout}`);

    return new URL(match[0]);
  }

  async function expectClean(page, label) {
    await assertAxeClean(page, label);
    await assertNoHorizontalScroll(page, label);
  }

  it('invites a member who accepts by the emailed link and signs in', async () => {
    const page = await newPage(browser);
    await signIn(page, baseUrl, admin);
    await page.goto(`${baseUrl}/t/wolverhampton/members`);
    await page.getByRole('heading', { name: 'Members' }).waitFor();
    assert.match(await page.title(), /^Members – .*Wolverhampton.* – sendqa$/);
    await expectClean(page, 'members');

    await page.getByRole('button', { name: 'Invite someone' }).click();
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    assert.equal(
      await page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary')),
      true,
      'focus moves to the error summary',
    );
    assert.match(await page.title(), /^Error: Invite someone/);
    await expectClean(page, 'invite with errors');

    await page.getByLabel('Full name').fill('Quinn Kaur');
    await page.getByLabel('Email address').fill('quinn.kaur@wolverhampton.example.org');
    await page.getByLabel('Auditor').check();
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByText('Quinn Kaur has been invited').waitFor();
    await expectClean(page, 'members after inviting');

    const link = await mailedLink('quinn.kaur@wolverhampton.example.org', '/invitations/accept');
    const invitee = await newPage(browser);
    await invitee.goto(`${baseUrl}${link.pathname}${link.search}`);
    await invitee.getByRole('heading', { name: /^Join/ }).waitFor();
    await expectClean(invitee, 'accept an invitation');
    await invitee.getByRole('button', { name: 'Accept invitation' }).click();
    await invitee.locator('.govuk-error-summary').waitFor();
    await expectClean(invitee, 'accept an invitation with errors');
    await invitee.getByLabel('Create a password').fill('quinns-own-password');
    await invitee.getByRole('button', { name: 'Accept invitation' }).click();
    await invitee.getByRole('heading', { name: 'Welcome, Quinn' }).waitFor();

    await invitee.goto(`${baseUrl}/sign-out`);
    await invitee.getByRole('heading', { name: 'You have signed out' }).waitFor();
    await signIn(invitee, baseUrl, 'quinn.kaur@wolverhampton.example.org', 'quinns-own-password');
    await invitee.getByRole('heading', { name: 'Welcome, Quinn' }).waitFor();
    assert.deepEqual(invitee.problems, []);
    await invitee.context().close();
    await page.context().close();
  });

  it("changes a member's roles", async () => {
    const page = await newPage(browser);
    await signIn(page, baseUrl, admin);
    await page.goto(`${baseUrl}/t/wolverhampton/members`);
    const row = page.getByRole('row', { name: /viewer@wolverhampton\.example\.org/ });
    await row.getByRole('link', { name: /^Change roles/ }).click();
    await page.getByRole('heading', { name: /^Change the roles of/ }).waitFor();
    await expectClean(page, 'change roles');

    await page.getByLabel('Partnership board member').uncheck();
    await page.getByRole('button', { name: 'Save roles' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    await expectClean(page, 'change roles with an error');
    await page.getByLabel('Auditor').check();
    await page.getByRole('button', { name: 'Save roles' }).click();
    await page.getByText(/have been changed/).waitFor();
    // The list refetches after the change; wait for the new roles.
    await page
      .getByRole('row', { name: /viewer@wolverhampton\.example\.org/ })
      .filter({ hasText: 'Auditor' })
      .waitFor();
    await page.context().close();
  });

  it('lists each bad row of a CSV file in a dry run', async () => {
    const page = await newPage(browser);
    await signIn(page, baseUrl, admin);
    await page.goto(`${baseUrl}/t/wolverhampton/members/import`);
    await page.getByRole('heading', { name: 'Invite from a CSV file' }).waitFor();
    await expectClean(page, 'invite from a CSV file');

    const csv = 'name,email,roles\nAsha Patel,asha@example.org,auditor\nNo Email,,viewer\n';
    await page.getByLabel('Upload a CSV file').setInputFiles({
      name: 'people.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    const rows = page.getByRole('table');
    assert.match(await rows.innerText(), /\b3\b/, 'the bad row is line 3');
    await expectClean(page, 'a CSV file with a bad row');

    const good = 'name,email,roles\nAsha Patel,asha@example.org,auditor\n';
    await page.getByLabel('Upload a CSV file').setInputFiles({
      name: 'people.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(good),
    });
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByText(/The file is ready: 1 person will be invited/).waitFor();
    await page.getByRole('button', { name: 'Send invitations' }).click();
    await page.getByText('1 people have been invited.').waitFor();
    await page.context().close();
  });

  it('removes a member after asking', async () => {
    const page = await newPage(browser);
    await signIn(page, baseUrl, admin);
    await page.goto(`${baseUrl}/t/wolverhampton/members`);
    const row = page.getByRole('row', { name: /service_manager@wolverhampton\.example\.org/ });
    await row.getByRole('link', { name: /^Remove/ }).click();
    await page.getByRole('heading', { name: /^Are you sure you want to remove/ }).waitFor();
    await expectClean(page, 'remove a member');
    await page.getByRole('button', { name: 'Yes, remove' }).click();
    await page.getByText(/has been removed from/).waitFor();
    assert.equal(await page.getByRole('row', { name: /service_manager@wolverhampton/ }).count(), 0);
    await page.context().close();
  });

  it('completes an invitation with the keyboard alone', async () => {
    const page = await newPage(browser);
    await signIn(page, baseUrl, admin);
    await page.goto(`${baseUrl}/t/wolverhampton/members/invite`);
    await page.getByRole('heading', { name: 'Invite someone' }).waitFor();
    await page.getByLabel('Full name').focus();
    await page.keyboard.type('Kim Keys');
    await page.keyboard.press('Tab');
    await page.keyboard.type('kim.keys@example.org');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    await page.getByText('Kim Keys has been invited').waitFor();
    await page.context().close();
  });

  it('returns to the page after the session expired and signing in again', async () => {
    const page = await newPage(browser);
    await signIn(page, baseUrl, admin);
    await page.goto(`${baseUrl}/t/wolverhampton/members/invite`);
    await page.getByRole('heading', { name: 'Invite someone' }).waitFor();

    // Both cookies gone: the access token is refused and refresh fails.
    await page.context().clearCookies();
    await page.getByRole('link', { name: 'Back to members' }).click();
    await page.getByRole('heading', { name: 'Sign in to sendqa' }).waitFor();
    assert.equal(new URL(page.url()).searchParams.get('next'), '/t/wolverhampton/members');

    await page.getByLabel('Email address').fill(admin);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Members' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/t/wolverhampton/members');
    await page.context().close();
  });

  it('creates and revokes a personal access token', async () => {
    const page = await newPage(browser);
    await signIn(page, baseUrl, 'qa_lead@dudley.example.org');
    await page.goto(`${baseUrl}/account`);
    await page.getByRole('heading', { name: 'Your account' }).waitFor();
    await expectClean(page, 'your account');

    await page.getByRole('button', { name: 'Create a token' }).click();
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    await expectClean(page, 'create a token with errors');
    // The API takes expiry dates within a year.
    const expires = new Date(Date.now() + 90 * 24 * 60 * 60 * 1000);
    await page.getByLabel('Name', { exact: true }).fill('Nightly export');
    await page.getByLabel('Day').fill(String(expires.getDate()));
    await page.getByLabel('Month').fill(String(expires.getMonth() + 1));
    await page.getByLabel('Year').fill(String(expires.getFullYear()));
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByRole('heading', { name: 'Copy your token now' }).waitFor();
    const secret = await page.getByTestId('token-secret').innerText();
    assert.ok(secret.length > 20, 'the secret is shown once');
    await expectClean(page, 'a new token');

    const me = await fetch(`${baseUrl}/api/v1/auth/me`, {
      headers: { Authorization: `Bearer ${secret}` },
    });
    assert.equal(me.status, 200, 'the token signs a program in');

    await page.getByRole('link', { name: 'Back to your account' }).click();
    await page.getByRole('button', { name: 'Revoke Nightly export' }).click();
    await page.getByText(/has been revoked/).waitFor();
    const after = await fetch(`${baseUrl}/api/v1/auth/me`, {
      headers: { Authorization: `Bearer ${secret}` },
    });
    assert.equal(after.status, 401, 'a revoked token no longer works');
    await page.context().close();
  });

  it('lets the platform admin add a local area', async () => {
    const page = await newPage(browser);
    await signIn(page, baseUrl, 'platform@sendqa.example.org');
    await page.goto(`${baseUrl}/admin/tenants`);
    await page.getByRole('heading', { name: 'Local areas' }).waitFor();
    await expectClean(page, 'local areas');
    await page.getByRole('button', { name: 'Add a local area' }).click();
    await page.getByRole('button', { name: 'Add local area' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    await expectClean(page, 'add a local area with errors');
    await page.getByLabel('Name', { exact: true }).fill('Shropshire');
    await page.getByLabel('Short name').fill('shropshire');
    await page.getByRole('button', { name: 'Add local area' }).click();
    await page.getByText('Shropshire has been added.').waitFor();
    // The list refetches after the change; wait for the new area in it.
    await page.getByRole('cell', { name: 'shropshire', exact: true }).waitFor();
    await expectClean(page, 'local areas after adding one');
    await page.context().close();
  });

  it('asks for a reset link and sets a new password from it', async () => {
    const page = await newPage(browser);
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByRole('link', { name: 'I have forgotten my password' }).click();
    await page.getByRole('heading', { name: 'Reset your password' }).waitFor();
    await expectClean(page, 'reset your password');
    await page.getByLabel('Email address').fill('auditor@sandwell.example.org');
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();

    const link = await mailedLink('auditor@sandwell.example.org', '/password-reset');
    await page.goto(`${baseUrl}${link.pathname}${link.search}`);
    await page.getByLabel('New password').fill('a-brand-new-password');
    await page.getByRole('button', { name: 'Reset password' }).click();
    await page.getByRole('heading', { name: 'Your password has been reset' }).waitFor();
    await expectClean(page, 'password reset');
    await signIn(page, baseUrl, 'auditor@sandwell.example.org', 'a-brand-new-password');
    await page.getByRole('heading', { name: /^Welcome/ }).waitFor();
    await page.context().close();
  });
});
