// Triangulation and the practice report against the real server and its
// demo data: a QA lead derives the spring term's findings from its
// audits, sees a theme that three sources found, turns it into an action
// of the improvement plan, generates the spring-term report, reads its
// figures and charts, and downloads it as a PDF, a Word document and a
// spreadsheet, each checked against the API's figures. Every page is axe
// clean, charts included, and does not scroll sideways at 320px.
// Needs the API: SENDQA_BASE_URL or SENDQA_BIN (see server.mjs).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
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
const spring = { from: '2026-01-01', to: '2026-04-30' };

const percent = (v) => (v === null || v === undefined ? 'No data' : `${Math.round(v * 100)}%`);

function unzip(buffer, name) {
  const entries = unzipSync(new Uint8Array(buffer));
  assert.ok(entries[name], `${name} is in the file`);

  return strFromU8(entries[name]);
}

describe('triangulation and the practice report with the real server', { skip }, () => {
  let browser;
  let server;
  let baseUrl;
  let page;

  before(async () => {
    server = await startTarget();
    baseUrl = server.url;
    browser = await launchBrowser();
    page = await newPage(browser);
    await signIn(page, baseUrl, `qa_lead@${tenant}.example.org`);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function checkPage(label) {
    await assertAxeClean(page, label);
    await assertNoHorizontalScroll(page, label);
  }

  async function apiGet(path) {
    return page.evaluate(async (path) => {
      const response = await fetch(`/api/v1${path}`);

      return { status: response.status, body: await response.json() };
    }, path);
  }

  async function download(action) {
    const [file] = await Promise.all([page.waitForEvent('download'), action()]);

    return { name: file.suggestedFilename(), body: await readFile(await file.path()) };
  }

  it('finds a theme in three sources and turns it into an action', async () => {
    await page.goto(`${baseUrl}/t/${tenant}/triangulation?from=${spring.from}&to=${spring.to}`);
    await page.getByRole('heading', { name: 'Triangulation', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Derive findings from audits' }).click();
    await page.getByText(/new findings? (was|were) derived/).waitFor();
    const row = page.getByRole('row', { name: /^Quality of health advice/ });
    await row.getByText('Triangulated').waitFor();
    const matrix = await apiGet(`/t/${tenant}/triangulation?from=${spring.from}&to=${spring.to}`);
    const health = matrix.body.rows.find((r) => r.theme.name === 'Quality of health advice');
    assert.ok(health.sources >= 3, `health advice is seen in ${health.sources} sources`);
    assert.equal(
      (await row.getByRole('cell').last().innerText()).trim() === 'Turn into an action' ||
        (await row.innerText()).includes(String(health.sources)),
      true,
      'the row shows how many sources saw the theme',
    );
    await checkPage('the triangulation');

    await row.getByRole('link', { name: /from Parent carer forum/ }).click();
    await page
      .getByRole('heading', { name: /Quality of health advice: Parent carer forum/ })
      .waitFor();
    await page.getByText('Parents say health advice arrives late').waitFor();
    await checkPage('the findings of a cell');
    await page.getByRole('link', { name: 'Back to triangulation' }).click();
    await page.getByRole('heading', { name: 'Triangulation', level: 1 }).waitFor();

    await page
      .getByRole('link', { name: 'Turn into an action for Quality of health advice' })
      .click();
    await page.getByRole('heading', { name: 'Turn a theme into an action' }).waitFor();
    await page.getByRole('button', { name: 'Add to the improvement plan' }).click();
    await page.getByRole('link', { name: 'Select who owns the action' }).waitFor();
    await checkPage('the theme action form with errors');
    await page
      .getByLabel('Action', { exact: true })
      .fill('Agree a six-week standard for health advice');
    await page.getByLabel('Owner').selectOption({ index: 1 });
    await page.getByLabel('Due on').fill('2026-07-31');
    await page.getByRole('button', { name: 'Add to the improvement plan' }).click();
    await page
      .getByRole('heading', { name: 'Agree a six-week standard for health advice', level: 1 })
      .waitFor();
    const actions = await apiGet(`/t/${tenant}/actions?plan_kind=practice`);
    const action = actions.body.items.find(
      (a) => a.title === 'Agree a six-week standard for health advice',
    );
    assert.equal(action.source.kind, 'theme');
    assert.equal(action.source.id, health.theme.id);
    await checkPage('the new action');
  });

  it('generates the spring-term report and downloads it three ways', async () => {
    await page.goto(`${baseUrl}/t/${tenant}/reports`);
    await page.getByRole('heading', { name: 'Practice reports', level: 1 }).waitFor();
    await checkPage('the reports page');
    await page.getByLabel(/^Spring term 2026/).check();
    await page.getByRole('button', { name: 'Generate report' }).click();
    await page
      .getByRole('heading', { name: 'Spring term 2026 practice report', level: 1 })
      .waitFor();
    const reportId = new URL(page.url()).pathname.split('/').at(-1);
    const report = (await apiGet(`/t/${tenant}/reports/${reportId}`)).body;
    const ehcp = report.figures.activities.find((a) => a.instrument === 'ehcp_quality_audit');
    assert.equal(ehcp.responses, 12, 'the spring round has twelve audits');
    const within = percent(report.figures.timeliness.ehcna.with_exceptions);
    const without = percent(report.figures.timeliness.ehcna.without_exceptions);

    const headlines = page.getByRole('table', { name: 'Headline figures' });
    await headlines
      .getByRole('row', { name: /EHC plans issued within 20 weeks, including exceptions/ })
      .getByText(within)
      .waitFor();
    const charts = page.getByRole('img', { name: /^Bar chart of/ });
    assert.ok((await charts.count()) >= 2, 'a chart per activity and one of timeliness');
    await page
      .getByRole('img', { name: `Bar chart of ${ehcp.responses} audits`, exact: false })
      .waitFor();
    await page.getByRole('table', { name: `Results of the ${ehcp.title}` }).waitFor();
    await checkPage('the spring-term report');

    await page.getByLabel('Summary').fill('Health advice is the theme of the term.');
    await page.getByRole('button', { name: 'Save narrative' }).click();
    await page.getByText('The narrative has been saved.').waitFor();

    const pdf = await download(() => page.getByRole('link', { name: 'Download as PDF' }).click());
    assert.equal(pdf.body.subarray(0, 4).toString(), '%PDF');
    const text = pdf.body.toString('latin1');
    for (const want of [
      'Spring term 2026 practice report',
      'Headline figures',
      'Statutory timeliness',
      'Moderation agreement',
      'Health advice is the theme of the term.',
      within,
      without,
    ]) {
      assert.ok(text.includes(want), `the PDF holds "${want}"`);
    }
    assert.match(text, /\/Subtype \/Image/, 'the PDF holds a chart image');

    const word = await download(() =>
      page.getByRole('button', { name: 'Download as Word' }).click(),
    );
    assert.match(word.name, /\.docx$/);
    const documentXml = unzip(word.body, 'word/document.xml');
    for (const want of ['Spring term 2026 practice report', 'Statutory timeliness', within]) {
      assert.ok(documentXml.includes(want), `the Word document holds "${want}"`);
    }
    assert.ok(documentXml.includes('Health advice is the theme of the term.'));

    const xlsx = await download(() =>
      page.getByRole('link', { name: 'Download the figures (XLSX)' }).click(),
    );
    const workbook = unzip(xlsx.body, 'xl/workbook.xml');
    for (const sheet of ['Headline figures', 'Grade distributions', 'Statutory timeliness']) {
      assert.ok(workbook.includes(`name="${sheet}"`), `the spreadsheet has a ${sheet} sheet`);
    }
    const strings = unzip(xlsx.body, 'xl/sharedStrings.xml');
    assert.ok(strings.includes('EHCP quality audit') || strings.includes(ehcp.title));
    assert.ok(strings.includes(within), `the spreadsheet holds ${within}`);
  });
});
