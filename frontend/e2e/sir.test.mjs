// SEN information report checks against the real server: a QA lead
// imports the register (one setting changed, one row refused), draws a
// sample of ten from a seed, allocates it, completes two checks (one of a
// report over a year old), writes, reads and sends the letter, which
// arrives at this test's own SMTP server with the PDF attached and the
// findings in its text, and reads the summary. Every page is axe clean.
// Needs the binary (SENDQA_BIN): the server must send mail to this test.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import {
  assertAxeClean,
  assertNoHorizontalScroll,
  launchBrowser,
  newPage,
  signIn,
} from './lib.mjs';
import { startTarget } from './server.mjs';
import { attachments, pdfText, startSmtp } from './smtp.mjs';

const skip =
  (!process.env.SENDQA_BIN || process.env.SENDQA_BASE_URL) &&
  'needs SENDQA_BIN, so that the server it starts sends mail to this test';
const tenant = 'wolverhampton';
const register = readFileSync(
  new URL('../../domain/demo/data/settings_wolverhampton.csv', import.meta.url),
  'utf8',
);

function daysAgo(days) {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

describe('SEN information report checks with the real server', { skip }, () => {
  let browser;
  let server;
  let smtp;
  let page;

  before(async () => {
    smtp = await startSmtp();
    server = await startTarget({ env: { SENDQA_SMTP_URL: smtp.url } });
    browser = await launchBrowser();
    page = await newPage(browser);
    await signIn(page, server.url, `qa_lead@${tenant}.example.org`);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.close();
  });

  async function checkPage(label) {
    await assertAxeClean(page, label);
    await assertNoHorizontalScroll(page, label);
  }

  it('imports the register with a preview and its refused rows', async () => {
    await page.goto(`${server.url}/t/${tenant}/sir`);
    await page.getByRole('heading', { name: 'SEN information reports', exact: true }).waitFor();
    await checkPage('the SEN information reports page');
    await page.getByRole('link', { name: 'The register of settings' }).click();
    await page.getByRole('heading', { name: 'Register of settings', level: 1 }).waitFor();
    await checkPage('the register');

    const changed =
      register.replace(
        'senco@oak-lane-secondary.example.sch.uk',
        'new.senco@oak-lane-secondary.example.sch.uk',
      ) + '12,Short URN School,Primary,Maintained,,\n';
    await page.getByLabel('Upload a CSV file').setInputFiles({
      name: 'settings_wolverhampton.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(changed),
    });
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByRole('heading', { name: 'What the file holds' }).waitFor();
    const summary = await page.locator('.govuk-summary-list').innerText();
    assert.match(summary, /Settings updated\s+1/);
    assert.match(summary, /Unchanged\s+59/);
    assert.match(summary, /Rows not imported\s+1/);
    const refused = page.getByRole('table', { name: 'Rows that will not be imported' });
    assert.match(await refused.innerText(), /62\s+12\s+enter the setting's unique reference/);
    await checkPage('the register preview');
    await page.getByRole('button', { name: 'Import 60 settings' }).click();
    await page.getByText('0 settings added, 1 updated and 59 unchanged.').waitFor();
    await page.getByRole('cell', { name: 'new.senco@oak-lane-secondary.example.sch.uk' }).waitFor();
  });

  let checkLinks;

  it('draws a sample of ten from a seed and allocates it', async () => {
    await page.goto(`${server.url}/t/${tenant}/sir`);
    await page.getByRole('button', { name: 'Draw the sample' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await checkPage('the new round with errors');
    await page.getByLabel('Name').fill('SEN information reports 2026');
    await page.getByLabel('How many settings to check').fill('10');
    await page.getByLabel('Seed (optional)').fill('20261204');
    await page.getByLabel('Checks due by').fill(daysAgo(-42));
    await page.getByRole('button', { name: 'Draw the sample' }).click();
    await page.getByText('10 settings drawn with seed 20261204.').waitFor();
    await page.getByRole('heading', { name: 'SEN information reports 2026' }).waitFor();
    await checkPage('the round before allocation');

    await page.getByLabel(/qa_lead@wolverhampton\.example\.org/).check();
    await page.getByRole('button', { name: 'Allocate' }).click();
    await page.getByRole('button', { name: 'Allocate' }).waitFor({ state: 'detached' });
    const rows = page.getByRole('table').getByRole('row');
    assert.equal(await rows.count(), 11, 'ten checks and the heading row');
    checkLinks = page.getByRole('table').getByRole('link');
    assert.equal(await checkLinks.count(), 10);
    await checkPage('the round after allocation');
  });

  /** Completes the check behind the nth link, every item met but the ones given. */
  async function completeCheck(n, lastUpdated, others) {
    await page.goto(`${server.url}/t/${tenant}/sir`);
    await page.getByRole('link', { name: 'SEN information reports 2026' }).click();
    await page.getByRole('heading', { name: 'SEN information reports 2026', level: 1 }).waitFor();
    const link = page.getByRole('table', { name: 'Checks by setting' }).getByRole('link').nth(n);
    const name = await link.innerText();
    await link.click();
    await page.getByRole('heading', { name, level: 1 }).waitFor();
    await page
      .getByRole('group', { name: /published on the setting’s website/ })
      .getByLabel('Yes')
      .check();
    await page.getByLabel('Date the report says it was last updated').fill(lastUpdated);
    for (const radio of await page.locator('input[type=radio][value=met]').all())
      await radio.check();
    for (const [item, [rating, comment]] of Object.entries(others)) {
      await page.locator(`input[name="ratings.${item}.rating"][value="${rating}"]`).check();
      await page.locator(`textarea[name="ratings.${item}.comment"]`).fill(comment);
    }

    return name;
  }

  it('completes a check of a report over a year old and sends its letter', async () => {
    const setting = await completeCheck(0, daysAgo(400), {
      senco_contact: ['not_met', ''],
    });
    await page.getByRole('button', { name: 'Save and complete the check' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await page.getByRole('link', { name: /say what is missing/ }).waitFor();
    await checkPage('a check with a missing comment');
    await page
      .locator('textarea[name="ratings.senco_contact.comment"]')
      .fill('The report names no SENCO and gives no way to contact them.');
    await page.getByRole('button', { name: 'Save and complete the check' }).click();
    await page.getByText('The check is complete.').waitFor();
    await page.getByText('Over 12 months old', { exact: true }).waitFor();
    await checkPage('a completed check');

    await page.getByRole('button', { name: 'Write the letter' }).click();
    await page.getByText('Drafted: read it before sending').waitFor();
    assert.match(
      await page.locator('#letter-heading ~ .govuk-summary-list').innerText(),
      /Not met\s+The name and contact details of the SEN co-ordinator/,
    );
    const pdf = await page.evaluate(
      async (href) => {
        const r = await fetch(href);
        return { status: r.status, type: r.headers.get('content-type') };
      },
      await page.getByRole('link', { name: 'Download the letter (PDF)' }).getAttribute('href'),
    );
    assert.deepEqual(pdf, { status: 200, type: 'application/pdf' });
    await page.getByRole('button', { name: 'I have read the letter' }).click();
    await page.getByText('Read and ready to send').waitFor();
    await checkPage('a reviewed letter');
    await page.getByRole('button', { name: 'Send the letter to the SENCO' }).click();
    await page.getByText(/^Sent to senco@/).waitFor();
    await page
      .getByRole('table', { name: 'This setting’s checks, newest first' })
      .getByRole('cell', { name: 'Sent' })
      .waitFor();
    await checkPage('a sent letter');

    await smtp.waitFor(1);
    const mail = smtp.messages.at(-1);
    assert.match(mail, /^To: <?senco@/im);
    assert.match(mail, /Subject: Feedback on your SEN information report/);
    const files = attachments(mail);
    assert.equal(files.length, 1, 'one file attached');
    assert.equal(files[0].type, 'application/pdf');
    assert.ok(files[0].bytes.subarray(0, 5).equals(Buffer.from('%PDF-')));
    const text = pdfText(files[0].bytes);
    assert.ok(text.includes(setting), `the letter names ${setting}`);
    assert.match(text, /Not met \(1\) - The name and contact details of the SEN co-ordinator/);
    assert.match(text, /gives no way to contact them/);
    assert.match(text, /Partially met \(0\)/);
    assert.match(text, /more than twelve months before our check/);
  });

  it('completes a second check of a current report', async () => {
    await completeCheck(1, daysAgo(30), {
      local_offer: ['partially_met', 'Says the local offer exists but gives no link to it.'],
    });
    await page.getByRole('button', { name: 'Save and complete the check' }).click();
    await page.getByText('The check is complete.').waitFor();
    assert.equal(await page.getByText('Over 12 months old', { exact: true }).count(), 0);
  });

  it('summarises the sample as a table and a chart, with an export', async () => {
    await page.goto(`${server.url}/t/${tenant}/sir`);
    await page.getByRole('link', { name: 'SEN information reports 2026' }).click();
    await page.getByRole('heading', { name: 'SEN information reports 2026', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'See the summary across the sample' }).click();
    await page.getByRole('heading', { name: 'Summary across the sample' }).waitFor();
    const figures = await page.locator('.govuk-summary-list').innerText();
    assert.match(figures, /Settings sampled\s+10/);
    assert.match(figures, /Checks completed\s+2/);
    assert.match(figures, /Reports over 12 months old\s+1/);
    const gaps = await page
      .getByRole('list', { name: 'Items most often not fully met' })
      .innerText();
    assert.match(gaps, /SEN co-ordinator: not met in 1, partially met in 0 of 2/);
    assert.match(gaps, /local offer is published: not met in 0, partially met in 1 of 2/);
    await page
      .getByRole('list', { name: 'Share of completed checks that met each item' })
      .getByText(/The name and contact details of the SEN co-ordinator: 50% met/)
      .waitFor();
    await page.getByRole('table', { name: 'Compliance per phase' }).waitFor();
    await checkPage('the summary');
    const csv = await page.evaluate(
      async (href) => (await fetch(href)).text(),
      await page.getByRole('link', { name: 'Download these figures (CSV)' }).getAttribute('href'),
    );
    assert.match(csv, /^group,item,label,met,partially_met,not_met/);
    assert.match(csv, /item,senco_contact,.*,1,0,1,50,2/);
  });
});
