// Completing an audit against the real server and its demo data: an
// auditor opens their inbox, completes an EHC needs-assessment file audit
// with its statutory milestones and one legal exception, attaches
// evidence, loses the connection part-way and recovers the draft, meets a
// second tab's stale save, and submits; the QA lead reads the round's
// results, downloads both exports and reopens the audit with a reason.
// Every page and error state is axe clean and does not scroll sideways at
// 320px. Needs the binary: SENDQA_BIN (see server.mjs), for its database.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { inflateRawSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { assertAxeClean, assertNoHorizontalScroll, launchBrowser, newPage } from './lib.mjs';
import { startTarget } from './server.mjs';

const run = promisify(execFile);
const password = process.env.SENDQA_DEMO_PASSWORD ?? 'demo-password-2026';
const skip = !process.env.SENDQA_BIN && 'SENDQA_BIN is not set: the test adds an allocation';
const tenant = 'wolverhampton';
const caseId = 'EH-E2E-1';

/** The text of one file in a zip (an XLSX is one), read with zlib alone. */
function unzipEntry(zip, name) {
  // The end of central directory record gives where the directory starts.
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = zip.readUInt32LE(end + 16);
  for (let n = zip.readUInt16LE(end + 10); n > 0; n--) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    if (zip.toString('utf8', at + 46, at + 46 + nameLength) === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);

      return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    at += 46 + nameLength + extra + comment;
  }
  throw new Error(`${name} is not in the zip`);
}

describe('completing an audit with the real server', { skip }, () => {
  let browser;
  let server;
  let baseUrl;
  let roundId;
  let responseUrl;

  before(async () => {
    server = await startTarget();
    baseUrl = server.url;
    browser = await launchBrowser();
    // An EHC needs-assessment case allocated to the demo auditor, due in
    // ten days: the demo round audits plans, so this one is added here.
    const { stdout } = await run('psql', [
      server.databaseUrl,
      '-qtAc',
      `WITH t AS (SELECT id FROM tenants WHERE slug = '${tenant}'),
         a AS (SELECT id FROM people WHERE email = 'auditor@${tenant}.example.org'),
         s AS (INSERT INTO subjects (tenant_id, kind, local_id, services)
               SELECT t.id, 'ehcna_case', '${caseId}', '{SENSTART}' FROM t RETURNING id, tenant_id),
         r AS (INSERT INTO rounds (tenant_id, name, instrument_key, instrument_version, subject_kind,
                 term, academic_year, opens_on, due_on, sampling_method, state, seed)
               SELECT t.id, 'Spring 2026 EHCNA file audit', 'ehcna_file_audit', 1, 'ehcna_case',
                 'spring', 2026, '2026-01-05', current_date + 10, 'random', 'allocated', 1 FROM t
               RETURNING id)
       INSERT INTO round_subjects (tenant_id, round_id, subject_id, position, auditor_id, status)
       SELECT s.tenant_id, r.id, s.id, 1, a.id, 'allocated' FROM r, s, a RETURNING round_id`,
    ]);
    roundId = stdout.trim();
    assert.match(roundId, /^[0-9a-f-]{36}$/);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signIn(email, context) {
    const page = context ? await context.newPage() : await newPage(browser);
    page.problems ??= [];
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname !== '/sign-in');

    return page;
  }

  async function checkPage(page, label) {
    await assertAxeClean(page, label);
    await assertNoHorizontalScroll(page, label);
  }

  async function fillDate(page, id, date) {
    const [year, month, day] = date.split('-');
    await page.locator(`#${id}`).fill(String(Number(day)));
    await page.locator(`#${id}-month`).fill(String(Number(month)));
    await page.locator(`#${id}-year`).fill(year);
  }

  async function serverAnswers(page) {
    return page.evaluate(async (url) => (await (await fetch(url)).json()).answers, responseUrl);
  }

  /** What this device keeps of the draft, read from IndexedDB. */
  async function deviceCopy(page) {
    return page.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const open = indexedDB.open('sendqa-drafts', 1);
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const all = open.result.transaction('drafts').objectStore('drafts').getAll();
            all.onsuccess = () => resolve(all.result);
            all.onerror = () => reject(all.error);
          };
        }),
    );
  }

  const saved = (page) =>
    page
      .getByTestId('save-status')
      .filter({ hasText: /^Saved at/ })
      .waitFor();

  it('lets an auditor complete an EHC needs-assessment audit, offline part-way, and submit it', async () => {
    const page = await signIn(`auditor@${tenant}.example.org`);
    const context = page.context();
    await page.getByRole('link', { name: 'Your audits' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your audits' }).waitFor();
    const row = page.getByRole('row', { name: new RegExp(caseId) });
    await row.waitFor();
    assert.match(await row.innerText(), /Not started/);
    // The demo round was due before today: its audits are overdue, and
    // the seed began one of them.
    await page
      .getByRole('row', { name: /Overdue/ })
      .first()
      .waitFor();
    await page
      .getByRole('row', { name: /In progress/ })
      .first()
      .waitFor();
    await checkPage(page, 'the inbox');

    await row.getByRole('button', { name: `Start the audit of ${caseId}` }).click();
    await page.getByRole('heading', { name: `Audit of ${caseId}` }).waitFor();
    const responseId = new URL(page.url()).pathname.split('/').at(-1);
    responseUrl = `/api/v1/t/${tenant}/responses/${responseId}`;
    await page.getByTestId('personal-note').waitFor();
    await checkPage(page, 'the empty audit form');

    await page.getByLabel(/Name of the child/).fill('Ada Testchild');
    await page.getByLabel(/^Local ID/).fill(caseId);
    await fillDate(page, 'answers-date_of_birth', '2015-04-02');
    await page.getByLabel('National curriculum year').fill('5');
    await page.getByLabel('Parent or carer').check();
    await fillDate(page, 'answers-date_received', '2026-01-05');
    await fillDate(page, 'answers-acknowledged-actual', '2026-01-08');
    // The decision came after its six weeks: late, so a reason is asked,
    // and the family's circumstances excuse it.
    await fillDate(page, 'answers-decision_to_assess-actual', '2026-02-23');
    await page.locator('#answers-decision_to_assess-reason').waitFor();
    await page.locator('#answers-decision_to_assess-reason').fill('The family was abroad');
    await page.getByLabel('Exceptional personal circumstances of the child or family').check();
    await fillDate(page, 'answers-decision_to_assess-exception-from', '2026-01-20');
    await fillDate(page, 'answers-decision_to_assess-exception-to', '2026-02-20');
    await page.locator('#answers-decision_to_assess-due').getByText('Status: Excused').waitFor();
    await saved(page);
    assert.equal((await serverAnswers(page)).child_name, 'Ada Testchild');
    await checkPage(page, 'the audit form with milestones');

    // Part-way, the connection goes: the answers wait on this device,
    // without the child's details.
    await context.setOffline(true);
    await page.getByLabel('Allocated SEND officer').fill('Jo Officer');
    await page.getByLabel('Strengths (optional)').fill('Clear and timely letters');
    await page
      .getByTestId('save-status')
      .filter({ hasText: 'Saved on this device, waiting to send' })
      .waitFor();
    const [kept] = await deviceCopy(page);
    assert.equal(kept.answers.allocated_officer, 'Jo Officer');
    assert.equal(kept.answers.child_name, undefined, 'no personal data on the device');
    assert.equal(kept.answers.date_of_birth, undefined, 'no personal data on the device');
    await checkPage(page, 'the audit form while offline');
    await page.close();

    // Back online, the draft is recovered from the device and sent.
    await context.setOffline(false);
    const tab = await context.newPage();
    await tab.goto(`${baseUrl}/t/${tenant}/responses/${responseId}`);
    await tab.getByText('have been recovered and are being sent').waitFor();
    await saved(tab);
    const recovered = await serverAnswers(tab);
    assert.equal(recovered.allocated_officer, 'Jo Officer');
    assert.equal(recovered.child_name, 'Ada Testchild');
    assert.deepEqual(await deviceCopy(tab), []);
    assert.equal(await tab.getByLabel('Allocated SEND officer').inputValue(), 'Jo Officer');

    // A second tab, opened before the first saves again, is refused.
    const stale = await context.newPage();
    await stale.goto(`${baseUrl}/t/${tenant}/responses/${responseId}`);
    await stale.getByRole('heading', { name: `Audit of ${caseId}` }).waitFor();
    await tab.getByLabel('Other pertinent facts (optional)').fill('Written in the first tab');
    await saved(tab);
    await stale.getByLabel('Areas for development (optional)').fill('Written in a stale tab');
    await stale
      .getByText('A newer version of this audit was saved in another tab or on another device')
      .waitFor();
    assert.match(await stale.getByRole('alert').innerText(), /saved elsewhere \(version \d+/);
    await checkPage(stale, 'the stale tab refused');
    await stale.getByRole('button', { name: 'Load the newer version' }).click();
    await stale.getByRole('alert').waitFor({ state: 'detached' });
    assert.equal(
      await stale.getByLabel('Other pertinent facts (optional)').inputValue(),
      'Written in the first tab',
    );
    await stale.close();

    // Evidence on the whole audit.
    await tab.reload();
    await tab.getByLabel('Attach a file to the whole audit (optional)').setInputFiles({
      name: 'decision-letter.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Decision letter sent on 23 February 2026.\n'),
    });
    await tab.getByText('decision-letter.txt is attached.').waitFor();
    await tab
      .getByRole('list', { name: 'Files attached' })
      .getByText('decision-letter.txt')
      .waitFor();
    await checkPage(tab, 'the audit form with evidence');

    // Submitting without the decision names what is missing.
    await tab.getByRole('button', { name: 'Submit the audit' }).click();
    const summary = tab.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    assert.match(await tab.title(), /^Error: /);
    await checkPage(tab, 'the audit form with errors');
    const link = summary.locator('a[href="#answers-assessment_decision"]');
    assert.equal(await link.count(), 1, await summary.innerText());
    assert.equal(await tab.locator('#answers-assessment_decision').count(), 1);
    await link.click();

    await tab.getByLabel('Not to assess').check();
    await tab.getByRole('button', { name: 'Submit the audit' }).click();
    await tab.getByRole('heading', { name: 'Audit submitted' }).waitFor();
    await tab.getByText(/Excused; due .*exception: Exceptional personal circumstances/).waitFor();
    await tab.getByRole('link', { name: 'decision-letter.txt' }).waitFor();
    await checkPage(tab, 'the submitted audit');
    assert.deepEqual(page.problems, []);
    await context.close();
  });

  it('lets the QA lead read the results, download both exports and reopen the audit', async () => {
    const page = await signIn(`qa_lead@${tenant}.example.org`);
    await page.goto(`${baseUrl}/t/${tenant}/rounds/${roundId}`);
    await page.getByRole('link', { name: 'Results and exports' }).click();
    await page.getByRole('heading', { name: 'Results', exact: true }).waitFor();
    await page.getByText('1 of 1 allocated audits submitted (100%)', { exact: false }).waitFor();
    // Its one statutory milestone was excused, so there is nothing to grade.
    await page.getByText('None of the submitted audits has an overall grade yet').waitFor();
    const excused = page.getByRole('row', { name: /^Statutory timescales/ });
    assert.deepEqual(
      (await excused.getByRole('cell').allInnerTexts()).slice(1),
      ['0', '0', '1', '0'],
      'on time, late, excused, missing',
    );
    await page.getByRole('table', { name: 'Milestones' }).waitFor();
    await checkPage(page, 'the results page');

    const download = async (name) => {
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name }).click(),
      ]);

      return readFile(await file.path());
    };
    const csv = (await download('CSV file')).toString('utf8');
    const lines = csv.trim().split(/\r?\n/);
    assert.equal(lines.length, 2, csv);
    assert.match(lines[1], new RegExp(caseId));
    const xlsx = await download('Excel file (XLSX)');
    assert.equal(xlsx.subarray(0, 2).toString(), 'PK');
    const strings =
      unzipEntry(xlsx, 'xl/sharedStrings.xml') + unzipEntry(xlsx, 'xl/worksheets/sheet1.xml');
    assert.match(strings, new RegExp(caseId));

    await page.goto(`${baseUrl}${responseUrl.replace('/api/v1', '')}`);
    await page.getByRole('heading', { name: 'Submitted audit' }).waitFor();
    await page.getByRole('link', { name: 'Reopen this audit' }).click();
    await page.getByRole('heading', { name: 'Reopen the audit' }).waitFor();
    await checkPage(page, 'the reopen page');
    await page.getByRole('button', { name: 'Reopen the audit' }).click();
    await page.getByRole('link', { name: 'Enter why the audit is reopened' }).waitFor();
    await checkPage(page, 'the reopen page with errors');
    await page.getByLabel('Why is it reopened?').fill('The decision date was for another case');
    await page.getByRole('button', { name: 'Reopen the audit' }).click();
    await page.getByRole('heading', { name: 'Audit in progress' }).waitFor();
    await page.getByText('Reopened: The decision date was for another case').waitFor();
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  it('tells the auditor it was reopened, and lets them turn e-mail off', async () => {
    const page = await signIn(`auditor@${tenant}.example.org`);
    await page.goto(`${baseUrl}/t/${tenant}/notifications`);
    await page.getByRole('heading', { name: 'Notifications', exact: true }).waitFor();
    // The notice is written by a background job: give it a moment.
    for (let i = 0; i < 20; i++) {
      if ((await page.getByText(/reopened/i).count()) > 0) break;
      await page.waitForTimeout(500);
      await page.reload();
    }
    await page
      .getByText(/reopened/i)
      .first()
      .waitFor();
    await checkPage(page, 'the notifications page');
    await page.getByLabel('No, only show them here').check();
    await page.getByRole('button', { name: 'Save e-mail choice' }).click();
    await page.getByText('Your e-mail choice is saved.').waitFor();
    await checkPage(page, 'the notifications page after saving');
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
});
