// The improvement plan against the real server and its demo data: a QA
// lead sets up the practice improvement plan and adds an action to it, and
// sets up a service's local plan led by its manager with an action; the
// service manager then writes progress on their service's action. Every
// page and error state is axe clean and does not scroll sideways at 320px.
// Needs the API: SENDQA_BASE_URL or SENDQA_BIN (see server.mjs).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  assertAxeClean,
  assertNoHorizontalScroll,
  launchBrowser,
  newPage,
  signIn,
} from './lib.mjs';
import { hasRealServer, startTarget } from './server.mjs';

const skip = !hasRealServer && 'neither SENDQA_BASE_URL nor SENDQA_BIN is set';
const tenant = 'wolverhampton';
const service = `Educational Psychology ${Date.now()}`;

describe('the improvement plan with the real server', { skip }, () => {
  let browser;
  let server;
  let baseUrl;
  let localActionUrl;
  let practiceActionUrl;

  before(async () => {
    server = await startTarget();
    baseUrl = server.url;
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function newSignedInPage(email) {
    const page = await newPage(browser);
    await signIn(page, baseUrl, email);

    return page;
  }

  async function checkPage(page, label) {
    await assertAxeClean(page, label);
    await assertNoHorizontalScroll(page, label);
  }

  /** A call to the API as the signed-in person, for set-up the test needs. */
  async function apiCall(page, method, path, body) {
    return page.evaluate(
      async ({ method, path, body }) => {
        const response = await fetch(`/api/v1${path}`, {
          method,
          headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'sendqa' },
          body: body ? JSON.stringify(body) : undefined,
        });

        return { status: response.status, body: await response.json() };
      },
      { method, path, body },
    );
  }

  async function fillDueDate(page, date) {
    const [year, month, day] = date.split('-');
    await page.getByLabel('Day').fill(String(Number(day)));
    await page.getByLabel('Month').fill(String(Number(month)));
    await page.getByLabel('Year').fill(year);
  }

  it('lets a QA lead add an action to the practice improvement plan', async () => {
    const page = await newSignedInPage(`qa_lead@${tenant}.example.org`);
    await page.goto(`${baseUrl}/t/${tenant}/actions`);
    await page.getByRole('heading', { level: 1, name: 'Improvement plan' }).waitFor();
    assert.match(await page.title(), /^Improvement plan – .* – sendqa$/);
    await checkPage(page, 'the improvement plan before it is set up');

    await page.getByRole('button', { name: 'Set up the practice improvement plan' }).click();
    await page.getByText('The practice improvement plan has been set up.').waitFor();
    await page.getByRole('button', { name: 'Add an action' }).click();
    await page.getByRole('heading', { name: 'Add an action' }).waitFor();
    await checkPage(page, 'the new action form');

    await page.getByRole('button', { name: 'Add action' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await checkPage(page, 'the new action form with errors');

    await page.getByLabel('Action').fill('Make every outcome in new plans SMART');
    await page.getByLabel('Owner').selectOption({ index: 1 });
    await fillDueDate(page, '2027-03-31');
    await page.getByLabel('Red: off track').check();
    await page.getByRole('button', { name: 'Add action' }).click();
    await page.getByRole('heading', { name: 'Make every outcome in new plans SMART' }).waitFor();
    await page.getByText('The action has been added.').waitFor();
    await checkPage(page, 'the action page');
    practiceActionUrl = page.url();

    await page.getByRole('link', { name: /Back to Practice improvement plan/ }).click();
    const row = page.getByRole('row', { name: /Make every outcome in new plans SMART/ });
    await row.waitFor();
    assert.match(await row.innerText(), /Red/);
    await checkPage(page, 'the improvement plan with an action');

    await page.getByLabel('Only overdue actions').check();
    await page.getByRole('button', { name: 'Apply filter' }).click();
    await page.waitForURL(/overdue=true/);
    await page.getByText('No actions match.').waitFor();
    await page.context().close();
  });

  it('lets a QA lead schedule a re-audit from an action, which reaches the auditor', async () => {
    assert.ok(practiceActionUrl, 'the practice action was created');
    const page = await newSignedInPage(`qa_lead@${tenant}.example.org`);
    await page.goto(practiceActionUrl);
    await page.getByRole('heading', { name: 'Re-audits and dip samples' }).waitFor();
    await page.getByText('None has been scheduled for this action.').waitFor();
    await page.getByRole('button', { name: 'Schedule a re-audit or dip sample' }).click();
    await page
      .getByRole('heading', { level: 1, name: 'Schedule a re-audit or dip sample' })
      .waitFor();
    await checkPage(page, 'the follow-up form');

    // An auditor none of whose services contributed to the plan.
    const contributors = ['Community Paediatrics', 'Sensory Inclusion Service'];
    contributors.push('Speech and Language Therapy');
    const auditors = await apiCall(page, 'GET', `/t/${tenant}/auditors`);
    const auditor = auditors.body.items.find(
      (a) =>
        a.email.endsWith(`@${tenant}.example.org`) &&
        !a.services.some((s) => contributors.includes(s)),
    );
    assert.ok(auditor, 'the area has an auditor without a conflict');

    await page.getByLabel('Local ids of the files to audit').fill('WV700000\nNOPE1');
    await page.getByRole('button', { name: 'Schedule' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    const summary = page.locator('.govuk-error-summary');
    await summary.getByText(/choose the auditor/i).waitFor();
    await checkPage(page, 'the follow-up form with errors');

    await page.getByLabel('Auditor').selectOption(auditor.person_id);
    await page.getByRole('button', { name: 'Schedule' }).click();
    await summary.getByText(/NOPE1: the area has no/).waitFor();
    await page.getByLabel('Local ids of the files to audit').fill('WV700000');
    await page.getByRole('button', { name: 'Schedule' }).click();
    await page.getByText('Re-audit scheduled and given to the auditor.').waitFor();
    const row = page.getByRole('row', { name: /WV700000/ });
    await row.waitFor();
    assert.match(await row.innerText(), /Not started/);
    assert.match(await row.innerText(), /Not yet/);
    await checkPage(page, 'the action with a re-audit');

    // The round names the action it follows up.
    await page.getByRole('link', { name: /^Re-audit: Make every outcome/ }).click();
    await page.getByRole('link', { name: /A re-audit for an action/ }).click();
    await page
      .getByRole('heading', { level: 1, name: 'Make every outcome in new plans SMART' })
      .waitFor();
    // The two refused schedules are the only failed requests.
    assert.deepEqual(
      page.problems.filter((problem) => !/status of 422/.test(problem)),
      [],
    );
    await page.context().close();

    const inbox = await newSignedInPage(auditor.email);
    await inbox.goto(`${baseUrl}/t/${tenant}/assignments`);
    await inbox.getByText('WV700000').first().waitFor();
    await inbox
      .getByText(/Re-audit: Make every outcome/)
      .first()
      .waitFor();
    await inbox.context().close();
  });

  it("lets a QA lead set up a service's local plan led by its manager", async () => {
    const page = await newSignedInPage(`qa_lead@${tenant}.example.org`);
    await page.goto(`${baseUrl}/t/${tenant}/actions`);
    await page.getByRole('heading', { level: 1, name: 'Improvement plan' }).waitFor();
    const org = await apiCall(page, 'POST', `/t/${tenant}/organisations`, {
      kind: 'service',
      name: service,
    });
    assert.equal(org.status, 201, JSON.stringify(org.body));
    const members = await apiCall(page, 'GET', `/t/${tenant}/members?limit=200`);
    const manager = members.body.items.find(
      (m) => m.email === `service_manager@${tenant}.example.org`,
    );
    assert.ok(manager, 'the demo service manager is a member');

    await page.getByRole('button', { name: 'Set up a local plan' }).click();
    await page.getByRole('heading', { name: 'Set up a local plan' }).waitFor();
    await page.getByRole('button', { name: 'Set up plan' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await checkPage(page, 'the local plan form with errors');
    await page.getByLabel('Service').selectOption({ label: service });
    await page.getByLabel('Led by').selectOption(manager.person_id);
    await page.getByLabel('Title').fill('Advice on time');
    await page.getByRole('button', { name: 'Set up plan' }).click();
    await page.getByRole('heading', { name: 'Advice on time' }).waitFor();
    await checkPage(page, 'the local plan');

    await page.getByRole('button', { name: 'Add an action' }).click();
    await page.getByLabel('Action').fill('Send psychological advice within six weeks');
    await page.getByLabel('Owner').selectOption(manager.person_id);
    await fillDueDate(page, '2027-01-31');
    await page.getByRole('button', { name: 'Add action' }).click();
    await page
      .getByRole('heading', { name: 'Send psychological advice within six weeks' })
      .waitFor();
    localActionUrl = page.url();
    await page.context().close();
  });

  it("lets the service manager write progress on their service's action", async () => {
    assert.ok(localActionUrl, 'the local action was created');
    const page = await newSignedInPage(`service_manager@${tenant}.example.org`);
    await page.goto(localActionUrl);
    await page
      .getByRole('heading', { name: 'Send psychological advice within six weeks' })
      .waitFor();
    await checkPage(page, "the service manager's action");

    await page.getByRole('button', { name: 'Add update' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await checkPage(page, 'the progress form with errors');

    await page.getByLabel('Add a progress update').fill('Two more psychologists start in January');
    await page.getByRole('button', { name: 'Add update' }).click();
    await page.getByText('Your progress update has been added.').waitFor();
    const updates = page.getByRole('list', { name: 'Progress updates' });
    await updates.getByText('Two more psychologists start in January').waitFor();
    await checkPage(page, 'the action with progress');

    // The manager sees the practice plan but cannot add to it.
    await page.goto(`${baseUrl}/t/${tenant}/actions`);
    await page.getByRole('row', { name: /Make every outcome in new plans SMART/ }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Add an action' }).count(), 0);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
});
