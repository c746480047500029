// The instrument pages against the real server and its demo data: browse
// and filter the library, read an instrument, preview its form, answer it
// and watch the server's result move, reveal a question by its condition,
// and see submit-mode errors in the error summary. Every page and error
// state is axe clean and does not scroll sideways at 320px. Needs the API:
// SENDQA_BASE_URL or SENDQA_BIN (see server.mjs); skipped with dist/ alone.
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
const epsTitle = 'Quality assurance of psychological advice';

describe('the instrument pages with the real server', { skip }, () => {
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
    await page.getByRole('heading', { name: /^Welcome/ }).waitFor();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function checkPage(label) {
    await assertAxeClean(page, label);
    await assertNoHorizontalScroll(page, label);
  }

  it('lists the library and filters it', async () => {
    await page.goto(`${baseUrl}/t/${tenant}/instruments`);
    await page.getByRole('heading', { level: 1, name: 'Instrument library' }).waitFor();
    const results = page.locator('main ul.govuk-list > li');
    await results.first().waitFor();
    const all = await results.count();
    assert.ok(all >= 10, `the built-in library has ten instruments, got ${all}`);
    assert.equal(await page.title(), 'Instrument library – sendqa');
    await checkPage('the instrument library');

    await page.getByLabel('Search titles and descriptions').fill('psychological');
    await page.getByLabel('Source').selectOption('built_in');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/q=psychological/);
    await page.getByRole('heading', { name: '1 instrument' }).waitFor();
    assert.equal(await results.count(), 1);
    await page.getByRole('link', { name: epsTitle }).waitFor();

    await page.getByLabel('What it audits').selectOption('provider');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByText('No instruments match').waitFor();
    await checkPage('the library with no matches');

    await page.getByRole('link', { name: 'Clear filters' }).click();
    await page.getByRole('heading', { name: `${all} instruments` }).waitFor();
  });

  it('shows an instrument with its questions, conditions, scoring and versions', async () => {
    await page.getByRole('link', { name: epsTitle }).click();
    await page.getByRole('heading', { level: 1, name: epsTitle }).waitFor();
    await page.getByRole('heading', { name: 'How it is scored' }).waitFor();
    await page.getByText('Outcomes relate to preparing for adulthood').waitFor();
    await page
      .getByText(/Asked only when "Age at the date of the audit" is at least 14/)
      .first()
      .waitFor();
    await page
      .getByText(/The mean of the answered item values/)
      .first()
      .waitFor();
    const exported = page.getByRole('link', { name: 'Export version 1 as JSON' }).first();
    assert.match(
      await exported.getAttribute('href'),
      /\/api\/v1\/t\/wolverhampton\/instruments\/eps_advice_quality\/versions\/1\/export$/,
    );
    const download = await page.request.get(`${baseUrl}${await exported.getAttribute('href')}`);
    assert.equal(download.status(), 200, 'the export link downloads the definition');
    await checkPage('the EPS instrument page');
  });

  it('previews the form: conditions reveal questions and the result moves', async () => {
    await page.getByRole('button', { name: 'Preview the form' }).click();
    await page.getByRole('heading', { level: 1, name: epsTitle }).waitFor();
    const panel = page.locator('[aria-labelledby="result-so-far"]');
    const overall = page.getByTestId('overall-result');
    await overall.getByText('Not scored yet').waitFor();
    await checkPage('the preview before answering');

    const adulthood = page.getByRole('group', {
      name: /Outcomes relate to preparing for adulthood/,
    });
    assert.equal(await adulthood.count(), 0, 'the 14+ question is hidden without a birth date');

    await page.locator('#as_of-day').fill('1');
    await page.locator('#as_of-month').fill('9');
    await page.locator('#as_of-year').fill('2026');
    await page.locator('#answers-date_of_birth').fill('1');
    await page.locator('#answers-date_of_birth-month').fill('9');
    await page.locator('#answers-date_of_birth-year').fill('2011');
    await page.locator('output#answers-age_at_audit').getByText('15').waitFor();
    await adulthood.waitFor();

    const formulation = page.getByRole('group', { name: /A short formulation explains/ });
    await formulation.getByLabel('Fully').check();
    await overall.getByText('Good (2 from 1)').waitFor();

    const childViews = page.getByRole('group', { name: /views and aspirations are included/ });
    await childViews.getByLabel('Partially').check();
    await overall.getByText('Requires improvement (1.5 from 2)').waitFor();
    await panel.getByText(/This result is poor/).waitFor();

    await adulthood.getByLabel('Fully').check();
    await overall.getByText('Good (1.67 from 3)').waitFor();
    assert.equal(await panel.getByText(/This result is poor/).count(), 0);
    await checkPage('the preview with answers');

    // A birth date that makes the child 13 hides the question again.
    await page.locator('#answers-date_of_birth-year').fill('2013');
    await page.locator('output#answers-age_at_audit').getByText('13').waitFor();
    await adulthood.waitFor({ state: 'detached' });
    await overall.getByText('Requires improvement (1.5 from 2)').waitFor();
  });

  it('shows submit-mode errors in the error summary, linked to the fields', async () => {
    await page.getByRole('button', { name: 'Check the answers as if submitting' }).click();
    const summary = page.locator('.govuk-error-summary');
    await summary.waitFor();
    await summary.getByRole('heading', { name: 'There is a problem' }).waitFor();
    assert.match(await page.title(), /^Error: Preview: /);

    const link = summary.locator('a[href="#answers-child_name"]');
    await link.waitFor();
    await link.click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'answers-child_name');
    await page.locator('#answers-child_name-error').waitFor();
    await checkPage('the preview with submit errors');
    // The browser logs each 422 the preview answers; nothing else.
    const unexpected = page.problems.filter((problem) => !problem.includes('status of 422'));
    assert.deepEqual(unexpected, []);
  });
});
