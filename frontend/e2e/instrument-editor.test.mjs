// Writing and sharing an instrument against the real server and its demo
// data, as four local areas of one region would: Wolverhampton builds one
// from nothing (a condition and a scoring rule, reordering by keyboard,
// the API's problems in the error summary), previews and scores it,
// publishes it and shares it with the region; Dudley uses it with one
// local question; Sandwell adopts a copy that shows where it came from;
// Wolverhampton publishes a second version, compares the two, and Dudley
// is told of it; the share is withdrawn and Walsall no longer sees it. An
// import with several problems lists them all. Every page is axe clean
// and does not scroll sideways at 320px. Needs the API: SENDQA_BASE_URL or
// SENDQA_BIN (see server.mjs); skipped with dist/ alone.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertAxeClean, assertNoHorizontalScroll, launchBrowser, newPage } from './lib.mjs';
import { hasRealServer, startTarget } from './server.mjs';

const password = process.env.SENDQA_DEMO_PASSWORD ?? 'demo-password-2026';
const skip = !hasRealServer && 'neither SENDQA_BASE_URL nor SENDQA_BIN is set';
const title = 'Home visit check';
const key = 'home_visit_check';
const owner = 'City of Wolverhampton Council';

// A definition with an item of every kind, with guidance and easy-read
// wording, as an import would bring it.
const everyKind = {
  key: 'every_kind_check',
  version: 1,
  title: 'Every kind check',
  subject: 'ehc_plan',
  completed_by: ['auditor'],
  scoring: {
    rule_version: 'v1',
    overall: {
      method: 'mean',
      thresholds: [
        { min: 2.5, label: 'good' },
        { min: 0, label: 'requires_improvement' },
      ],
    },
  },
  sections: [
    {
      id: 'all_kinds',
      title: 'All kinds',
      guidance: 'Every kind of question the engine knows.',
      items: [
        { id: 'child_name', kind: 'personal', label: 'Child’s name', personal_kind: 'name' },
        { id: 'dob', kind: 'personal', label: 'Date of birth', personal_kind: 'date_of_birth' },
        {
          id: 'age',
          kind: 'computed',
          label: 'Age',
          compute: { func: 'age_in_years_at', from: 'dob' },
        },
        { id: 'received', kind: 'date', label: 'Date the request was received' },
        {
          id: 'decision',
          kind: 'milestone',
          label: 'Decision to assess',
          milestone: {
            due: { from: 'received', offset: 6, unit: 'weeks' },
            statutory: true,
            legal_reference: 'SEND Regulations 2014, regulation 5',
            exceptions: ['personal_circumstances'],
          },
        },
        { id: 'pages', kind: 'number', label: 'Number of pages' },
        { id: 'officer', kind: 'text', label: 'Officer' },
        { id: 'notes', kind: 'long_text', label: 'Notes' },
        {
          id: 'clarity',
          kind: 'scale',
          label: 'How clear is the plan?',
          guidance: 'Say how the plan reads to the family.',
          easy_read: 'Is the plan easy to read?',
          options: [
            {
              key: 'very',
              label: 'Very clear',
              value: 3,
              easy_read: 'In words a child can follow',
            },
            { key: 'partly', label: 'Partly clear', value: 2 },
            { key: 'unclear', label: 'Unclear', value: 1 },
          ],
        },
        {
          id: 'grade',
          kind: 'grade',
          label: 'Overall grade',
          descriptors: { outstanding: 'Exceeds every expectation' },
        },
        { id: 'rag', kind: 'rag', label: 'Timeliness', allow_blue: true },
        {
          id: 'family',
          kind: 'yes_no',
          label: 'Were the family involved?',
          allow_partial: true,
          allow_not_applicable: true,
        },
        {
          id: 'setting_type',
          kind: 'choice',
          label: 'Kind of setting',
          options: [
            { key: 'mainstream', label: 'Mainstream' },
            { key: 'special', label: 'Special' },
          ],
        },
        {
          id: 'needs',
          kind: 'multi_choice',
          label: 'Areas of need',
          options: [
            { key: 'cognition', label: 'Cognition and learning' },
            { key: 'sensory', label: 'Sensory and physical' },
          ],
        },
        { id: 'setting', kind: 'organisation', label: 'School or setting' },
        { id: 'files', kind: 'evidence', label: 'Evidence' },
      ],
    },
  ],
};

describe('writing and sharing an instrument with the real server', { skip }, () => {
  let browser;
  let server;
  let baseUrl;
  const pages = {};

  async function signIn(tenant) {
    const page = await newPage(browser);
    // Each step waits on the one before; a failure should not stall the rest.
    page.setDefaultTimeout(10_000);
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByLabel('Email address').fill(`qa_lead@${tenant}.example.org`);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: /^Welcome/ }).waitFor();

    return page;
  }

  before(async () => {
    server = await startTarget();
    baseUrl = server.url;
    browser = await launchBrowser();
    for (const tenant of ['wolverhampton', 'dudley', 'sandwell', 'walsall']) {
      pages[tenant] = await signIn(tenant);
    }
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function checkPage(page, label) {
    await assertAxeClean(page, label);
    await assertNoHorizontalScroll(page, label);
  }

  /** Opens the area's library filtered to what others share with it. */
  async function sharedLibrary(page, tenant) {
    await page.goto(`${baseUrl}/t/${tenant}/instruments?source=shared`);
    await page.getByRole('heading', { level: 1, name: 'Instrument library' }).waitFor();
    await page.locator('main h2[aria-live]').filter({ hasNotText: 'Loading' }).waitFor();
  }

  it('builds an instrument from nothing, with the API’s problems in the summary', async () => {
    const page = pages.wolverhampton;
    await page.goto(`${baseUrl}/t/wolverhampton/instruments`);
    await page.getByRole('button', { name: 'Write a new instrument' }).click();
    await page.getByRole('heading', { level: 1, name: 'New instrument' }).waitFor();
    await checkPage(page, 'the new instrument editor');

    // Saving the blank form shows the server's problems, linked to fields.
    await page.getByRole('button', { name: 'Save as a draft' }).click();
    const summary = page.locator('.govuk-error-summary');
    await summary.waitFor();
    assert.match(await page.title(), /^Error: New instrument/);
    await summary.locator('a[href="#title"]').waitFor();
    const labelLink = summary.locator('a[href="#sections-0-items-0-label"]');
    assert.match(await labelLink.textContent(), /^Section 1, question 1, label/);
    await labelLink.click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'sections-0-items-0-label');
    await checkPage(page, 'the editor with problems');

    await page.locator('#title').fill(title);
    await page.locator('#key').fill(key);
    await page.locator('#sections-0-title').fill('The visit');
    await page.locator('#sections-0-items-0-label').fill('Was the child seen at home?');

    // A third question added, then moved up by keyboard alone.
    await page.getByRole('button', { name: 'Add a question to section 1' }).click();
    await page.locator('#sections-0-items-1-label').fill('Were the family’s views recorded?');
    await page.getByRole('button', { name: 'Add a question to section 1' }).click();
    await page.locator('#sections-0-items-2-label').fill('Temporary question');
    await page.getByRole('button', { name: 'Move up question 3 of section 1' }).focus();
    await page.keyboard.press('Enter');
    assert.equal(
      await page.locator('#sections-0-items-1-label').inputValue(),
      'Temporary question',
    );
    // Focus follows the moved question, so Enter again keeps moving it.
    await page.waitForFunction(() => document.activeElement?.id === 'sections-0-items-1-move-up');
    await page.getByRole('button', { name: 'Remove question 2 of section 1' }).click();
    assert.equal(
      await page.locator('#sections-0-items-1-label').inputValue(),
      'Were the family’s views recorded?',
    );

    // The second question is asked only when the first is answered Yes.
    await page.locator('#sections-0-items-1-applies_when').click();
    const clause = page.getByRole('group', { name: 'When to ask this question' });
    assert.equal(await clause.getByLabel('Question', { exact: true }).inputValue(), 'question_1');
    assert.equal(await clause.getByLabel('Comparison').inputValue(), 'eq');
    assert.equal(await clause.getByLabel('Answer').inputValue(), 'yes');

    // The live preview follows the condition as the author answers.
    const preview = page.getByRole('complementary', { name: 'Live preview' });
    const second = preview.getByRole('group', { name: /family’s views recorded/ });
    assert.equal(await second.count(), 0);
    await preview
      .getByRole('group', { name: /child seen at home/ })
      .getByLabel('Yes')
      .check();
    await second.waitFor();

    // The mean of the answers, banded: good from 0.75, poor below.
    await page.locator('#scoring-overall-method').selectOption('mean');
    await page.locator('#scoring-overall-thresholds-0-min').fill('0.75');
    await page.locator('#scoring-overall-thresholds-0-label').fill('good');
    await page.getByRole('button', { name: 'Add a threshold' }).click();
    await page.locator('#scoring-overall-thresholds-1-min').fill('0');
    await page.locator('#scoring-overall-thresholds-1-label').fill('poor');
    await checkPage(page, 'the filled editor');

    await page.getByRole('button', { name: 'Save as a draft' }).click();
    await page.getByRole('heading', { level: 1, name: `Edit ${title}` }).waitFor();
    await page.getByText('The draft is saved.').waitFor();
    await checkPage(page, 'the saved draft');
  });

  it('previews and scores the draft, then publishes it', async () => {
    const page = pages.wolverhampton;
    await page.getByRole('link', { name: 'Preview and score the saved draft' }).click();
    await page.getByRole('heading', { level: 1, name: title, exact: true }).waitFor();
    const overall = page.getByTestId('overall-result');
    await overall.getByText('Not scored yet').waitFor();

    await page
      .getByRole('group', { name: /child seen at home/ })
      .getByLabel('Yes')
      .check();
    await overall.getByText('Good (1 from 1)').waitFor();
    await page
      .getByRole('group', { name: /family’s views recorded/ })
      .getByLabel('No')
      .check();
    await overall.getByText('Poor (0.5 from 2)').waitFor();
    await checkPage(page, 'the preview of the draft');

    await page.goBack();
    await page.getByRole('button', { name: 'Publish version 1' }).click();
    await page.getByRole('heading', { level: 1, name: title, exact: true }).waitFor();
    await page.getByText('Private: only your area can see it.').waitFor();
    await checkPage(page, 'the published instrument');
  });

  it('shares it with the region', async () => {
    const page = pages.wolverhampton;
    await page.getByLabel('Every area in your region').check();
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    await page
      .getByTestId('sharing-state')
      .getByText('Shared with every area in your region.')
      .waitFor();
    await checkPage(page, 'the shared instrument');
  });

  it('is used in Dudley with one local question', async () => {
    const page = pages.dudley;
    await sharedLibrary(page, 'dudley');
    await page.getByText(`Shared by ${owner}`).first().waitFor();
    await page.getByRole('link', { name: title }).click();
    await page.getByRole('heading', { name: `Shared by ${owner}` }).waitFor();
    assert.equal(await page.getByRole('button', { name: /Start a new version/ }).count(), 0);
    await checkPage(page, 'the shared instrument in Dudley');

    await page.getByRole('button', { name: 'Use it with local questions' }).click();
    await page
      .getByRole('heading', { level: 1, name: `Use ${title} with local questions` })
      .waitFor();
    await page.locator('#items-0-label').fill('Did the Dudley panel review the visit?');
    await page.locator('#items-0-id').fill('dudley_panel');
    const preview = page.getByRole('complementary', { name: 'Live preview' });
    await preview.getByRole('group', { name: /Dudley panel review/ }).waitFor();
    await checkPage(page, 'the local layer form');

    await page.getByRole('button', { name: 'Use it with these questions' }).click();
    await page.getByRole('heading', { name: 'Your area now uses this instrument' }).waitFor();
    await page.getByText('Version 1 of Home visit check, with 1 local question.').waitFor();
    await checkPage(page, 'the local layer in use');

    await page.getByRole('link', { name: `Back to ${title}` }).click();
    await page
      .getByTestId('uses')
      .getByText('Your area uses version 1 with 1 local questions.')
      .waitFor();
  });

  it('is adopted as a copy in Sandwell that shows where it came from', async () => {
    const page = pages.sandwell;
    await sharedLibrary(page, 'sandwell');
    await page.getByRole('link', { name: title }).click();
    await page.getByRole('button', { name: 'Adopt a copy' }).click();
    await page.getByRole('heading', { level: 1, name: `Adopt a copy of ${title}` }).waitFor();
    assert.equal(await page.locator('#key').inputValue(), key);
    await checkPage(page, 'the adopt page');

    await page.getByRole('button', { name: 'Adopt a copy' }).click();
    await page.getByTestId('origin').waitFor();
    assert.match(
      await page.getByTestId('origin').textContent(),
      /Copied from version 1 of home_visit_check, shared by wolverhampton/,
    );
    await page.getByText('Your area’s own').first().waitFor();
    await checkPage(page, 'the adopted copy');
  });

  it('gets a second version that Dudley is told of, and compares the two', async () => {
    const page = pages.wolverhampton;
    await page.getByRole('button', { name: 'Start a new version' }).click();
    await page.getByRole('heading', { level: 1, name: `Edit ${title}` }).waitFor();
    await page.locator('#sections-0-items-0-label').fill('Was the child seen at home, in person?');
    await page.getByRole('button', { name: 'Save the draft' }).click();
    await page.getByText('The draft is saved.').waitFor();
    await page.getByRole('button', { name: 'Publish version 2' }).click();
    await page.getByRole('heading', { level: 1, name: title, exact: true }).waitFor();

    await page.getByRole('link', { name: 'Compare version 1 with version 2' }).click();
    const table = page.getByRole('table', { name: 'Changes from version 1 to version 2' });
    await table.waitFor();
    await table.getByRole('cell', { name: 'Reworded' }).waitFor();
    await table.getByRole('cell', { name: 'Was the child seen at home, in person?' }).waitFor();
    await checkPage(page, 'the comparison');

    const dudley = pages.dudley;
    await dudley.reload();
    await dudley.getByText('A new version is available').waitFor();
    await dudley.getByText(/your area uses version 1/).waitFor();
    await checkPage(dudley, 'the new version notice in Dudley');
    await sharedLibrary(dudley, 'dudley');
    await dudley.getByText('Version 2 available; you use 1').waitFor();
  });

  it('withdraws the share, after which Walsall sees nothing', async () => {
    const page = pages.wolverhampton;
    await page.goBack();
    await page
      .getByRole('button', { name: 'Withdraw the share with every area in your region' })
      .click();
    await page
      .getByTestId('sharing-state')
      .getByText('Private: only your area can see it.')
      .waitFor();
    await page.getByText(/Withdrawn: with every area in your region/).waitFor();
    await checkPage(page, 'the withdrawn share');

    await page.getByRole('button', { name: 'Retire version 2' }).click();
    await page.getByRole('button', { name: 'Retire version 2' }).waitFor({ state: 'detached' });
    await page.locator('.govuk-summary-list').getByText('Retired').first().waitFor();

    const walsall = pages.walsall;
    await sharedLibrary(walsall, 'walsall');
    assert.equal(await walsall.getByRole('link', { name: title }).count(), 0);
  });

  it('lists every problem of a malformed import', async () => {
    const page = pages.wolverhampton;
    await page.goto(`${baseUrl}/t/wolverhampton/instruments`);
    await page.getByRole('button', { name: 'Import an instrument' }).click();
    await page.getByRole('heading', { level: 1, name: 'Import an instrument' }).waitFor();
    await checkPage(page, 'the import page');

    const bad = {
      key: 'Bad Key',
      version: 1,
      title: '',
      subject: 'nowhere',
      completed_by: ['auditor'],
      scoring: { rule_version: 'v1', overall: { method: 'none' } },
      sections: [],
    };
    await page.getByLabel('Or paste the definition').fill(JSON.stringify(bad));
    await page.getByRole('button', { name: 'Import as a draft' }).click();
    const summary = page.locator('.govuk-error-summary');
    await summary.waitFor();
    const problems = await summary.locator('li').allTextContents();
    for (const part of ['Reference', 'Title', 'Subject', 'Sections']) {
      assert.ok(
        problems.some((problem) => problem.startsWith(`${part}:`)),
        `the summary names ${part}: ${problems.join(' | ')}`,
      );
    }
    await checkPage(page, 'the import with problems');
  });

  it('imports a definition with every item kind; its editor and preview are accessible', async () => {
    const page = pages.wolverhampton;
    await page.goto(`${baseUrl}/t/wolverhampton/instruments/import`);
    await page.getByLabel('Or paste the definition').fill(JSON.stringify(everyKind));
    await page.getByRole('button', { name: 'Import as a draft' }).click();
    await page.getByRole('heading', { level: 1, name: `Edit ${everyKind.title}` }).waitFor();
    for (const [i, item] of everyKind.sections[0].items.entries()) {
      assert.equal(await page.locator(`#sections-0-items-${i}-kind`).inputValue(), item.kind);
    }
    const form = page.getByRole('form', { name: 'Definition' });
    assert.ok(
      await form
        .getByLabel('Exceptional personal circumstances of the child or family')
        .isChecked(),
      'the milestone keeps its exception',
    );
    await checkPage(page, 'the editor with every item kind');

    await page.getByRole('link', { name: 'Preview and score the saved draft' }).click();
    // Exact, or the editor's own "Edit …" heading would match before the preview opens.
    await page.getByRole('heading', { level: 1, name: everyKind.title, exact: true }).waitFor();
    await page.getByText('Say how the plan reads to the family.').waitFor();
    await page.getByText('Is the plan easy to read?').waitFor();
    await page.getByText('In words a child can follow').waitFor();
    await checkPage(page, 'the preview of every item kind');

    const overall = page.getByTestId('overall-result');
    await page
      .getByRole('group', { name: /How clear is the plan/ })
      .getByLabel('Very clear')
      .check();
    await overall.getByText('Good (3 from 1)').waitFor();
    await page
      .getByRole('group', { name: /Overall grade/ })
      .getByLabel('Inadequate')
      .check();
    await overall.getByText('Requires improvement (2 from 2)').waitFor();
  });

  it('logged nothing unexpected in any browser', () => {
    for (const [tenant, page] of Object.entries(pages)) {
      const unexpected = page.problems.filter(
        (problem) => !/status of (409|412|422)/.test(problem),
      );
      assert.deepEqual(unexpected, [], `${tenant}'s browser`);
    }
  });
});
