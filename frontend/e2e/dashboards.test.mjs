// The QA schedule, dashboards and regional benchmarks against the real
// server and its demo data: the schedule shows an overdue activity and its
// reminder reaches the owner; the calendar address serves iCalendar that a
// parser reads, without a session, until it is stopped; each role's
// dashboard shows its figures; a benchmark hides the area below the
// threshold, and an area that withdraws its consent leaves it. Every page
// is axe clean and does not scroll sideways at 320px.
// Needs the API: SENDQA_BASE_URL or SENDQA_BIN (see server.mjs).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ICAL from 'ical.js';
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

describe('the schedule, dashboards and benchmarks with the real server', { skip }, () => {
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

  async function newSignedInPage(email) {
    const page = await newPage(browser);
    await signIn(page, baseUrl, email);

    return page;
  }

  async function checkPage(page, label) {
    await assertAxeClean(page, label);
    await assertNoHorizontalScroll(page, label);
  }

  it('shows an overdue activity, its reminder, and a calendar feed', async () => {
    const page = await newSignedInPage(`qa_lead@${tenant}.example.org`);
    await page.goto(`${baseUrl}/t/${tenant}`);
    await page.getByRole('link', { name: 'QA schedule' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'QA schedule' }).waitFor();
    const overdue = page.getByRole('region', { name: 'Overdue activities' });
    await overdue.getByText('Audit of health advice').first().waitFor();
    await checkPage(page, 'the QA schedule');

    // The daily job reminded the owner when the server started.
    await page.goto(`${baseUrl}/t/${tenant}/notifications`);
    const reminder = page.getByRole('link', { name: /^Overdue: Audit of health advice/ }).first();
    for (let tries = 0; tries < 30 && !(await reminder.count()); tries++) {
      await page.waitForTimeout(500);
      await page.reload();
    }
    await reminder.click();
    await page.getByRole('heading', { level: 1, name: 'QA schedule' }).waitFor();

    const first = overdue
      .getByRole('button', { name: /^Mark done: Audit of health advice, due/ })
      .first();
    const label = await first.getAttribute('aria-label');
    await first.click();
    await page.getByText(/is marked done\.$/).waitFor();
    assert.equal(await page.getByRole('button', { name: label }).count(), 0);

    await page.getByRole('button', { name: 'Make a calendar address' }).click();
    const address = await page.locator('#feed-address').innerText();
    assert.match(address, new RegExp(`^${baseUrl}/api/v1/t/${tenant}/calendar/`));
    await checkPage(page, 'the schedule with a calendar address');

    // A calendar program sends no cookies.
    const feed = await fetch(address);
    assert.equal(feed.status, 200);
    assert.match(feed.headers.get('content-type'), /^text\/calendar/);
    const calendar = new ICAL.Component(ICAL.parse(await feed.text()));
    const events = calendar.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    assert.ok(events.some((e) => e.summary === 'Audit of health advice'));
    assert.ok(
      events.every((e) => e.startDate.isDate),
      'every event is a whole day',
    );

    await page.getByRole('button', { name: 'Stop my calendar address' }).click();
    await page.getByRole('button', { name: 'Make a calendar address' }).waitFor();
    assert.equal((await fetch(address)).status, 404);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  it("shows each role's dashboard with its figures", async () => {
    for (const [who, path, heading, figure] of [
      ['qa_lead', 'programme', 'Programme at a glance', /period.s audits by progress/],
      ['viewer', 'board', 'Headline indicators', 'EHC plans issued within 20 weeks'],
      ['service_manager', 'service', 'Your services', 'Audits by overall result'],
    ]) {
      const page = await newSignedInPage(`${who}@${tenant}.example.org`);
      await page.goto(`${baseUrl}/t/${tenant}/dashboards/${path}`);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await page.getByText(figure).first().waitFor();
      await checkPage(page, `the ${path} dashboard`);
      if (who === 'qa_lead') {
        const table = page.getByRole('table', { name: /Audits by overall result: the figures/ });
        const total = table.getByRole('row', { name: /^Total/ });
        assert.match(await total.innerText(), /\d/);
        await page.getByLabel('Primary need').selectOption('MSI');
        await page.getByRole('button', { name: 'Apply filter' }).click();
        await page.waitForURL(/primary_need=MSI/);
        await table.getByRole('row', { name: /^Total/ }).waitFor();
        // The page shows the API's figure, withheld when it is under five.
        const api = await page.evaluate(
          async (url) => (await fetch(url)).json(),
          `/api/v1/t/${tenant}/dashboards/programme?primary_need=MSI`,
        );
        const grades = api.breakdowns.find((b) => b.key === 'grades').total;
        const want = grades.suppressed ? 'Withheld' : String(grades.value);
        assert.match(await total.innerText(), new RegExp(want));
        for (const b of api.breakdowns) {
          for (const p of [...b.parts, { count: b.total }]) {
            assert.ok(p.count.suppressed || p.count.value >= 5, `a count under 5 in ${b.key}`);
          }
        }
        await checkPage(page, 'the programme dashboard filtered to few children');
      }
      assert.deepEqual(page.problems, []);
      await page.context().close();
    }
  });

  it('hides an area below the threshold, and an area that withdraws', async () => {
    const page = await newSignedInPage(`qa_lead@${tenant}.example.org`);
    await page.goto(`${baseUrl}/t/${tenant}/benchmarks`);
    await page.getByRole('heading', { level: 1, name: 'Regional benchmarks' }).waitFor();
    const table = page.getByRole('table', { name: /Results by area/ });
    const dudley = table.getByRole('row', { name: /^Dudley/ });
    await dudley.waitFor();
    const withheld = (await dudley.innerText()).replaceAll('Withheld', '');
    assert.doesNotMatch(withheld, /\d/, 'every count of Dudley is withheld');
    assert.match(await table.getByRole('row', { name: /Wolverhampton/ }).innerText(), /\b17\b/);
    await checkPage(page, 'the regional benchmark');

    const dudleyLead = await newSignedInPage('qa_lead@dudley.example.org');
    await dudleyLead.goto(`${baseUrl}/t/dudley/benchmarks`);
    await dudleyLead.getByRole('button', { name: 'Stop taking part' }).click();
    await dudleyLead.getByText('no longer takes part in regional benchmarks').waitFor();
    await checkPage(dudleyLead, 'the benchmark after withdrawing');
    await dudleyLead.context().close();

    await page.reload();
    await table.getByRole('row', { name: /Wolverhampton/ }).waitFor();
    assert.equal(await table.getByRole('row', { name: /^Dudley/ }).count(), 0);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
});
