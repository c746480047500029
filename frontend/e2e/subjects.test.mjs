// A subject's record, children's personal data and the rounds' cohort
// against the real server and its demo data. A QA lead finds the pages
// from the menu, imports needs assessment cases that keep the child's
// name, sees it on the subject's page only when asked (and the trail says
// so), records an auditor's services and hands a leaver's audits on. An
// administrator sets the retention period, removes what is past it, and
// downloads one child's record for a subject access request. Every page
// and error state is axe clean and does not scroll sideways at 320px.
// Needs the API: SENDQA_BASE_URL or SENDQA_BIN (see server.mjs).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

// Needs assessment cases: the built-in file audit asks for the child's
// name and date of birth, so the import keeps them.
const cases = [
  'local_id,child_name,date_of_birth,ncy,primary_need,setting_urn,contributing_services',
  'WV900001,Ada Brennan,2015-12-10,5,ASD,993848,Educational Psychology;Social Care',
  'WV900002,Kit Marlowe,2016-03-02,4,SLCN,993848,Speech and Language Therapy',
].join('\n');

describe('subject records, personal data and the cohort with the real server', { skip }, () => {
  let browser;
  let server;
  let baseUrl;
  let page;
  let folder;

  before(async () => {
    server = await startTarget();
    baseUrl = server.url;
    browser = await launchBrowser();
    folder = mkdtempSync(join(tmpdir(), 'sendqa-subjects-'));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signInAs(role) {
    page = await newPage(browser);
    await signIn(page, baseUrl, `${role}@${tenant}.example.org`);
    await page.getByRole('heading', { name: /^Welcome/ }).waitFor();
  }

  async function checkPage(label) {
    await assertAxeClean(page, label);
    await assertNoHorizontalScroll(page, label);
  }

  const menu = () => page.getByRole('navigation', { name: 'Menu' });
  const main = () => page.getByRole('main');

  it("offers a QA lead the pages of their role in the menu, marking the one they're in", async () => {
    await signInAs('qa_lead');
    const names = await menu().getByRole('link').allTextContents();
    assert.deepEqual(names, [
      'Home',
      'Instruments',
      'Subjects',
      'Rounds',
      'Your account',
      'Sign out',
    ]);
    assert.equal(
      await menu().getByRole('link', { name: 'Home' }).getAttribute('aria-current'),
      'page',
    );

    await menu().getByRole('link', { name: 'Rounds' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit rounds' }).waitFor();
    const rounds = menu().getByRole('link', { name: 'Rounds' });
    assert.equal(await rounds.getAttribute('aria-current'), 'page');

    await main().getByRole('link', { name: 'Autumn 2026 EHC plan audit' }).click();
    await page.getByRole('heading', { level: 1, name: 'Autumn 2026 EHC plan audit' }).waitFor();
    assert.equal(await rounds.getAttribute('aria-current'), 'true');
    assert.equal(
      await menu().getByRole('link', { name: 'Home' }).getAttribute('aria-current'),
      null,
    );
  });

  it("shows a child's name on the subject's page only when asked, and the trail records it", async () => {
    const file = join(folder, 'ehcna_cases.csv');
    writeFileSync(file, cases);
    await menu().getByRole('link', { name: 'Subjects' }).click();
    await page.getByRole('heading', { level: 1, name: 'Subjects' }).waitFor();
    await page.getByRole('button', { name: 'Import subjects' }).click();
    await page.getByLabel('What the file lists').selectOption('ehcna_case');
    await page.getByLabel('Upload a CSV file').setInputFiles(file);
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByRole('button', { name: 'Import 2 subjects' }).click();
    await page.getByText('2 subjects added and 0 updated.').waitFor();

    await page.getByLabel('Local id starts with').fill('WV9000');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByRole('heading', { name: '2 subjects' }).waitFor();
    await main().getByRole('link', { name: 'WV900001' }).click();
    await page.getByRole('heading', { level: 1, name: 'WV900001' }).waitFor();
    await main().getByText('Educational Psychology').waitFor();
    assert.equal(await page.getByText('Ada Brennan').count(), 0);
    await checkPage("a subject's page");

    await page.getByRole('button', { name: 'Show the child’s details' }).click();
    await page.getByText('Ada Brennan').waitFor();
    await page.getByText('2015-12-10').waitFor();
    await checkPage("a subject's page with the child's details");

    await page.goto(`${baseUrl}/t/${tenant}/audit-log`);
    await page.getByRole('heading', { level: 1, name: 'Audit trail' }).waitFor();
    await page.getByText('Viewed: Child or young person').first().waitFor();
  });

  it("records an auditor's services, which decide their conflicts", async () => {
    await menu().getByRole('link', { name: 'Rounds' }).click();
    await main().getByRole('link', { name: 'Auditors and their services' }).click();
    await page.getByRole('heading', { name: 'Auditors and their services' }).waitFor();
    await checkPage('the auditors');
    assert.equal(
      await menu().getByRole('link', { name: 'Rounds' }).getAttribute('aria-current'),
      'true',
    );

    const row = page.getByRole('row', { name: /Tom Okafor/ });
    await row.getByText('None recorded').waitFor();
    await row.getByRole('link', { name: /^Change/ }).click();
    await page.getByRole('heading', { name: /^Services of Tom Okafor/ }).waitFor();
    await checkPage("an auditor's services");

    await page.getByLabel('Another service (optional)').fill('x'.repeat(201));
    await page.getByRole('button', { name: 'Save their services' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await checkPage("an auditor's services with an error");

    await page.getByLabel('Another service (optional)').fill('');
    await page.getByLabel('Educational Psychology', { exact: true }).check();
    await page.getByRole('button', { name: 'Save their services' }).click();
    await page.getByText(/^Tom Okafor .*: Educational Psychology recorded\.$/).waitFor();
    await page
      .getByRole('row', { name: /Tom Okafor/ })
      .getByText('Educational Psychology')
      .waitFor();
  });

  it("hands a leaver's audits on to the rest of the cohort, with a reason", async () => {
    await menu().getByRole('link', { name: 'Rounds' }).click();
    await main().getByRole('link', { name: 'Autumn 2026 EHC plan audit' }).click();
    await main().getByRole('link', { name: 'Reassign a leaver’s audits' }).click();
    await page.getByRole('heading', { name: 'Reassign a leaver’s audits' }).waitFor();
    await checkPage("the leaver's page");

    await page.getByRole('button', { name: 'Reassign their audits' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await checkPage("the leaver's page with errors");

    const leaver = page.locator('input[name="auditor_id"]').first();
    const name = (
      await page.locator(`label[for="${await leaver.getAttribute('id')}"]`).textContent()
    ).trim();
    await leaver.check();
    await page.getByLabel('Why their audits move').fill('Left the council');
    await page.getByRole('button', { name: 'Reassign their audits' }).click();
    await page
      .getByText(new RegExp(`of ${name.replace(/[()]/g, '\\$&')} moved to the rest of the cohort`))
      .waitFor();
    await page
      .getByRole('region', { name: 'Audits by auditor' })
      .getByText(`${name} (left)`)
      .waitFor();
    await checkPage('the round after a leaver');
    assert.deepEqual(page.problems, []);
  });

  it('lets an administrator set the retention period and remove what is past it', async () => {
    await signInAs('tenant_admin');
    const names = await menu().getByRole('link').allTextContents();
    assert.deepEqual(names.slice(0, 5), ['Home', 'Instruments', 'Subjects', 'Rounds', 'Members']);
    await main().getByRole('link', { name: 'Children’s personal data' }).click();
    await page.getByRole('heading', { level: 1, name: 'Children’s personal data' }).waitFor();
    await page.getByText('1095 days (about 3 years), the default for every area').waitFor();
    await checkPage('the retention period');

    await page.getByLabel('Keep personal data for').fill('three years');
    await page.getByRole('button', { name: 'Save the period' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await checkPage('the retention period with an error');

    await page.getByLabel('Keep personal data for').fill('730');
    await page.getByRole('button', { name: 'Save the period' }).click();
    await page.getByText('Personal data is now kept for 730 days (about 2 years).').waitFor();

    await page.getByRole('button', { name: 'Remove personal data past its period' }).click();
    await page.getByRole('heading', { name: /^Are you sure/ }).waitFor();
    await page.getByText(/imported more than 730 days/).waitFor();
    await checkPage('the removal of personal data');
    await page.getByRole('button', { name: 'Yes, remove it' }).click();
    await page.getByText('No personal data was past its period, so nothing was removed.').waitFor();
  });

  it("downloads one child's record for a subject access request", async () => {
    await main()
      .getByRole('link', { name: /^Find a child’s record/ })
      .click();
    await page.getByRole('heading', { name: 'Subject access request' }).waitFor();
    await checkPage('the subject access request');

    await page.getByRole('button', { name: 'Find the record' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await checkPage('the subject access request with no local id');
    await page.getByLabel('Child’s local id').fill('ZZ404');
    await page.getByRole('button', { name: 'Find the record' }).click();
    await page.getByText('No record has a local id starting with ZZ404').first().waitFor();
    await checkPage('the subject access request with no match');

    await page.getByLabel('Child’s local id').fill('WV900001');
    await page.getByRole('button', { name: 'Find the record' }).click();
    const link = page.getByRole('link', { name: 'Download the record of WV900001' });
    await link.waitFor();
    await checkPage('the subject access request with its record');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    assert.equal(download.suggestedFilename(), 'subject-access-WV900001.json');
    const record = JSON.parse(readFileSync(await download.path(), 'utf8'));
    assert.equal(record.subject.local_id, 'WV900001');
    assert.equal(record.personal.name, 'Ada Brennan');
    assert.ok(
      record.trail.some((event) => event.action === 'view'),
      'the view is in the record',
    );

    // An administrator may export the record but not read the name.
    await main().getByRole('link', { name: 'WV900001', exact: true }).click();
    await page
      .getByText('sendqa keeps some for this child, but your role may not see them.')
      .waitFor();
    assert.equal(await page.getByRole('button', { name: /Show the child/ }).count(), 0);
    await checkPage("a subject's page for an administrator");
    assert.deepEqual(page.problems, []);
  });
});
