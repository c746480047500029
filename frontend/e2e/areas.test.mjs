// The pages of a local area and of the platform against the real server:
// organisations, the audit trail with its filters, regions, revoking an
// invitation, changing a password, switching area, signing in with the
// keyboard alone, and the error pages a failing API leads to. Every page
// and error state is checked with axe and at 320 CSS pixels. Needs
// SENDQA_BIN (see server.mjs); skipped otherwise.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  assertAxeClean,
  assertNoHorizontalScroll,
  demoPassword as password,
  launchBrowser,
  newPage,
  signIn,
} from './lib.mjs';
import { startTarget } from './server.mjs';

const admin = 'tenant_admin@wolverhampton.example.org';

const skip = !process.env.SENDQA_BIN && 'SENDQA_BIN is not set';

describe('area and platform pages with the real server', { skip }, () => {
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

  async function expectClean(page, label) {
    await assertAxeClean(page, label);
    await assertNoHorizontalScroll(page, label);
  }

  async function expectSummaryFocused(page) {
    await page.locator('.govuk-error-summary').waitFor();
    assert.equal(
      await page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary')),
      true,
      'focus moves to the error summary',
    );
  }

  it('adds, filters and archives an organisation, and the trail shows it', async () => {
    const page = await newPage(browser);
    await signIn(page, baseUrl, admin);
    await page.goto(`${baseUrl}/t/wolverhampton`);
    await page.getByRole('link', { name: 'Services and settings' }).click();
    await page.getByRole('heading', { name: 'Organisations' }).waitFor();
    assert.match(await page.title(), /^Organisations – .*Wolverhampton.* – sendqa$/);
    await page.getByRole('table').waitFor();
    await expectClean(page, 'organisations');

    await page.getByRole('button', { name: 'Add an organisation' }).click();
    await page.getByLabel('Unique reference number (URN)').fill('12');
    await page.getByRole('button', { name: 'Add organisation' }).click();
    await expectSummaryFocused(page);
    await expectClean(page, 'add an organisation with errors');

    await page.getByLabel('School', { exact: true }).check();
    await page.getByLabel('Name', { exact: true }).fill('Larkspur Community Primary');
    await page.getByLabel('Unique reference number (URN)').fill('7654321');
    await page.getByLabel('Contact email address').fill('senco@larkspur.example.sch.uk');
    await page.getByRole('button', { name: 'Add organisation' }).click();
    await page.getByText('Larkspur Community Primary has been added.').waitFor();

    await page.getByLabel('Name contains').fill('larkspur');
    await page.getByLabel('Kind').selectOption('school');
    await page.getByRole('button', { name: 'Apply filter' }).click();
    await page.waitForURL(/q=larkspur/);
    const row = page.getByRole('row', { name: /Larkspur Community Primary/ });
    // The new school is in the unfiltered list too: wait for the filtered one to replace it.
    await page
      .waitForFunction(() => document.querySelectorAll('main tr').length === 2, null, {
        timeout: 5000,
      })
      .catch(() => undefined);
    await row.waitFor();
    assert.equal(await page.getByRole('row').count(), 2, 'a heading row and the one school');
    await expectClean(page, 'organisations filtered');

    await row.getByRole('link', { name: /^Change/ }).click();
    await page.getByRole('heading', { name: 'Change Larkspur Community Primary' }).waitFor();
    await expectClean(page, 'change an organisation');
    await page.getByLabel('Contact email address').fill('not an email');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expectSummaryFocused(page);
    await expectClean(page, 'change an organisation with errors');
    await page.getByLabel('Contact email address').fill('office@larkspur.example.sch.uk');
    await page.getByLabel('It is no longer in use').check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Larkspur Community Primary has been changed.').waitFor();
    // Archived, it leaves the list of those in use.
    await page.getByLabel('Name contains').fill('larkspur');
    await page.getByRole('button', { name: 'Apply filter' }).click();
    await page.getByText('No organisations match.').waitFor();
    await page.getByLabel('Show').selectOption('archived');
    await page.getByRole('button', { name: 'Apply filter' }).click();
    await page.getByRole('row', { name: /Larkspur Community Primary.*Archived/ }).waitFor();

    await page.goto(`${baseUrl}/t/wolverhampton/audit-log`);
    await page.getByRole('heading', { level: 1, name: 'Audit trail' }).waitFor();
    await page.getByRole('table').waitFor();
    await expectClean(page, 'audit trail');
    await page.getByLabel('Kind of record').selectOption('organisation');
    await page.getByLabel('Action').selectOption('update');
    await page.getByRole('button', { name: 'Apply filter' }).click();
    await page.waitForURL(/action=update/);
    const change = page.getByRole('row', { name: /Changed: Organisation/ }).first();
    await change.filter({ hasText: 'archived: false → true' }).waitFor();
    assert.match(await change.innerText(), /Wolverhampton/, 'names who made the change');
    // The rows of the previous filter go once the new page of the trail arrives.
    await page
      .getByRole('row', { name: /Created:/ })
      .first()
      .waitFor({ state: 'detached' });

    const from = page.getByRole('group', { name: 'From' });
    await from.getByLabel('Day').fill('31');
    await from.getByLabel('Month').fill('2');
    await from.getByLabel('Year').fill('2026');
    await page.getByRole('button', { name: 'Apply filter' }).click();
    await expectSummaryFocused(page);
    await expectClean(page, 'audit trail with a date error');
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  it('revokes an invitation after asking', async () => {
    const page = await newPage(browser);
    await signIn(page, baseUrl, admin);
    await page.goto(`${baseUrl}/t/wolverhampton/members/invite`);
    await page.getByLabel('Full name').fill('Rowan Revoked');
    await page
      .getByLabel('Email address')
      .fill('rowan.revoked.long.address@wolverhampton.example.org');
    await page.getByLabel('Partnership board member').check();
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByText('Rowan Revoked has been invited').waitFor();

    const row = page.getByRole('row', { name: /Rowan Revoked/ });
    await row.getByRole('link', { name: /^Revoke/ }).click();
    await page.getByRole('heading', { name: /revoke the invitation of Rowan Revoked/ }).waitFor();
    await expectClean(page, 'revoke an invitation');
    await page.getByRole('button', { name: 'Yes, revoke' }).click();
    await page.getByText('The invitation of Rowan Revoked has been revoked.').waitFor();
    assert.equal(await page.getByRole('row', { name: /Rowan Revoked/ }).count(), 0);
    await page.context().close();
  });

  it('changes a password, and signs in with the new one', async () => {
    const page = await newPage(browser);
    const email = 'auditor@dudley.example.org';
    await signIn(page, baseUrl, email);
    await page.goto(`${baseUrl}/account`);
    await page.getByRole('link', { name: 'Change password' }).click();
    await page.getByRole('heading', { name: 'Change your password' }).waitFor();
    await expectClean(page, 'change your password');

    await page.getByLabel('Current password').fill('not-my-password');
    await page.getByLabel('New password').fill('a-fresh-password-2026');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expectSummaryFocused(page);
    await expectClean(page, 'change your password with errors');

    await page.getByLabel('Current password').fill(password);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Your password has been changed.').waitFor();
    await page.getByRole('link', { name: 'Sign out' }).last().click();
    await page.getByRole('heading', { name: 'You have signed out' }).waitFor();
    await signIn(page, baseUrl, email, 'a-fresh-password-2026');
    await page.getByRole('heading', { name: /^Welcome/ }).waitFor();
    await page.context().close();
  });

  it('lets the platform admin add a region', async () => {
    const page = await newPage(browser);
    await signIn(page, baseUrl, 'platform@sendqa.example.org');
    await page.goto(`${baseUrl}/admin/regions`);
    await page.getByRole('heading', { name: 'Regions' }).waitFor();
    await page.getByRole('table').waitFor();
    await expectClean(page, 'regions');
    await page.getByRole('button', { name: 'Add a region' }).click();
    await page.getByLabel('Short name').fill('Not A Slug');
    await page.getByRole('button', { name: 'Add region' }).click();
    await expectSummaryFocused(page);
    await expectClean(page, 'add a region with errors');
    await page.getByLabel('Name', { exact: true }).fill('West Midlands');
    await page.getByLabel('Short name').fill('west-midlands');
    await page.getByRole('button', { name: 'Add region' }).click();
    await page.getByText('West Midlands has been added.').waitFor();
    await page.getByRole('cell', { name: 'west-midlands', exact: true }).waitFor();
    await expectClean(page, 'regions after adding one');
    await page.context().close();
  });

  it('forbids platform pages to anyone else, and area pages to roles without access', async () => {
    const page = await newPage(browser);
    await signIn(page, baseUrl, 'service_manager@dudley.example.org');
    await page.goto(`${baseUrl}/admin/tenants`);
    await page.getByRole('heading', { name: 'You cannot see this page' }).waitFor();
    await expectClean(page, 'forbidden platform page');

    // The audit trail is for administrators and QA leads: the API says no.
    await page.goto(`${baseUrl}/t/dudley/audit-log`);
    await page.getByRole('heading', { name: 'You cannot see this page' }).waitFor();
    await expectClean(page, 'forbidden by the API');
    await page.context().close();
  });

  it('shows the service problem page when the API fails, and a 404 for a missing record', async () => {
    const page = await newPage(browser);
    await signIn(page, baseUrl, admin);
    await page.route(
      (url) => url.pathname === '/api/v1/t/wolverhampton/members',
      (route) =>
        route.fulfill({
          status: 500,
          contentType: 'application/problem+json',
          body: JSON.stringify({
            type: 'about:blank',
            title: 'Internal Server Error',
            status: 500,
          }),
        }),
    );
    await page.goto(`${baseUrl}/t/wolverhampton/members`);
    await page
      .getByRole('heading', { name: 'Sorry, there is a problem with the service' })
      .waitFor();
    await expectClean(page, 'service problem');

    await page.goto(
      `${baseUrl}/t/wolverhampton/organisations/00000000-0000-4000-8000-000000000000`,
    );
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await expectClean(page, 'a missing organisation');
    await page.goto(`${baseUrl}/no-such-page`);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await expectClean(page, 'an unknown address');
    await page.context().close();
  });

  it('switches local area for a person in several', async () => {
    const page = await newPage(browser);
    await signIn(page, baseUrl, 'icb.auditor@blackcountry.example.org');
    await page.getByLabel('Walsall').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: /^Welcome/ }).waitFor();
    assert.match(await page.getByRole('banner').innerText(), /Walsall/);

    await page.getByRole('link', { name: 'Change local area' }).click();
    await page.getByLabel('Dudley').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(`${baseUrl}/t/dudley`);
    await page.getByRole('heading', { name: /^Welcome/ }).waitFor();
    assert.match(await page.getByRole('banner').innerText(), /Dudley/);
    await expectClean(page, 'home after switching area');
    await page.context().close();
  });

  it('shows broken links and form errors on the public pages, axe clean', async () => {
    const page = await newPage(browser);
    await page.goto(`${baseUrl}/invitations/accept?token=sqi_not-a-real-token`);
    await page.getByRole('heading', { name: 'This invitation link does not work' }).waitFor();
    await expectClean(page, 'a broken invitation link');

    await page.goto(`${baseUrl}/forgotten-password`);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await expectSummaryFocused(page);
    await expectClean(page, 'reset your password with errors');
    await page.getByLabel('Email address').fill('someone.with.a.long.address@nowhere.example.org');
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    await expectClean(page, 'check your email');

    await page.goto(`${baseUrl}/password-reset?token=sqr_not-a-real-token`);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await expectClean(page, 'choose a new password');
    await page.getByRole('button', { name: 'Reset password' }).click();
    await expectSummaryFocused(page);
    await expectClean(page, 'choose a new password with errors');
    await page.getByLabel('New password').fill('a-long-enough-password');
    await page.getByRole('button', { name: 'Reset password' }).click();
    await page.locator('.govuk-error-summary a').waitFor();
    await expectClean(page, 'a broken password reset link');
    await page.context().close();
  });

  it('signs in with the keyboard alone', async () => {
    const page = await newPage(browser);
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByRole('heading', { name: 'Sign in to sendqa' }).waitFor();
    // Tab from the top of the page until the email field has focus.
    for (let i = 0; i < 15; i += 1) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.id === 'email')) break;
    }
    await page.keyboard.type('qa_lead@dudley.example.org');
    await page.keyboard.press('Tab');
    await page.keyboard.type(password);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /^Welcome/ }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/t/dudley');
    await page.context().close();
  });
});
