// Alternative provision quality assurance against the real server and its
// demo data: a council invites a provider, whose contact accepts by the
// e-mailed link; the council opens an audit; the provider answers all
// fifteen standards from its own sign-in; the officer rates them with one
// red and asks for more evidence on one standard; the provider answers it
// and challenges the red; the officer answers, decides and shares; another
// council of the region sees the result, and may add the provider to its
// own register, until the share is withdrawn.
// Every page is axe clean. Reads the invitation from outbound_mail with
// psql, so it needs SENDQA_BIN (see server.mjs); skipped otherwise.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { assertAxeClean, launchBrowser, newPage, signIn } from './lib.mjs';
import { startTarget } from './server.mjs';

const run = promisify(execFile);
const skip = !process.env.SENDQA_BIN && 'SENDQA_BIN is not set';
const tenant = 'wolverhampton';
const provider = 'Oakfield Learning';
const contact = 'office@oakfield.example.org';

function inDays(days) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

describe('AP quality assurance with the real server', { skip }, () => {
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

  async function apiGet(page, path) {
    return page.evaluate(async (path) => {
      const response = await fetch(`/api/v1${path}`);

      return { status: response.status, body: await response.json() };
    }, path);
  }

  const section = (page, key) => page.locator(`section[aria-labelledby="standard-${key}"]`);

  /** Gives one standard a statement and a file from the provider's page. */
  async function answer(page, s, round = 1) {
    const block = section(page, s.key);
    const file = `${s.key}-evidence-${round}.txt`;
    await block.getByLabel(`How you meet ${s.title}`).fill(`How we meet ${s.title}: in practice.`);
    await block.getByRole('button', { name: `Save the draft of ${s.title}` }).click();
    await block.getByText('Draft saved.').waitFor();
    await block.getByLabel(`Evidence for ${s.title}`).setInputFiles({
      name: file,
      mimeType: 'text/plain',
      buffer: Buffer.from(`Evidence for ${s.title}`),
    });
    await block.getByText(`${file} is attached.`).waitFor();
    await block.getByRole('link', { name: file }).waitFor();
  }

  /** Rates one standard from the officer's page. */
  async function rate(page, s, rating) {
    const block = section(page, s.key);
    await block
      .getByRole('group', { name: `Rating of ${s.title}` })
      .getByLabel(rating, { exact: true })
      .check();
    await block.getByLabel(`Feedback on ${s.title}`).fill(`${rating}: feedback on ${s.title}.`);
    await block.getByRole('button', { name: `Save the rating of ${s.title}` }).click();
    await block.locator('p', { hasText: /^Rated/ }).waitFor();
  }

  it('takes a provider from invitation to a shared result, and back', async () => {
    const lead = await newPage(browser);
    await signIn(lead, baseUrl, `qa_lead@${tenant}.example.org`);
    await lead.goto(`${baseUrl}/t/${tenant}/providers`);
    await lead
      .getByRole('heading', { level: 1, name: 'Alternative provision providers' })
      .waitFor();
    await lead.getByRole('link', { name: 'Pathways Alternative Provision' }).waitFor();
    await assertAxeClean(lead, 'the provider register');

    await lead.getByRole('link', { name: 'Invite a provider' }).click();
    await lead.getByRole('heading', { level: 1, name: 'Invite a provider' }).waitFor();
    await lead.getByRole('button', { name: 'Send the invitation' }).click();
    await lead.locator('.govuk-error-summary').waitFor();
    await assertAxeClean(lead, 'the invitation with errors');
    await lead.getByLabel('Provider’s name').fill(provider);
    await lead.getByLabel('Contact’s name').fill('Jo Bennett');
    await lead.getByLabel('Contact’s e-mail address').fill(contact);
    await lead.getByRole('button', { name: 'Send the invitation' }).click();
    await lead.getByRole('heading', { level: 1, name: provider }).waitFor();
    await lead.getByLabel('Evidence due by').fill(inDays(21));
    await lead.getByRole('button', { name: 'Open the audit' }).click();
    await lead.getByRole('heading', { level: 1, name: 'Quality standards audit' }).waitFor();
    await assertAxeClean(lead, 'the audit as opened');
    const auditPath = new URL(lead.url()).pathname;
    const auditId = auditPath.split('/').at(-1);

    // The contact accepts the e-mailed invitation and signs in as themselves.
    const link = await mailedLink(contact, '/invitations/accept');
    const own = await newPage(browser);
    await own.goto(`${baseUrl}${link.pathname}${link.search}`);
    await own.getByRole('heading', { name: /^Join/ }).waitFor();
    await own.getByLabel('Create a password').fill('oakfield-own-password');
    await own.getByRole('button', { name: 'Accept invitation' }).click();
    await own.getByRole('heading', { name: /^Welcome/ }).waitFor();
    await own.goto(`${baseUrl}/provider`);
    await own.getByRole('heading', { level: 1, name: 'Your quality standards audits' }).waitFor();
    await assertAxeClean(own, 'the provider inbox');
    await own.getByRole('link', { name: /Wolverhampton/ }).click();
    await own
      .getByRole('heading', { level: 1, name: `Quality standards audit of ${provider}` })
      .waitFor();
    await assertAxeClean(own, "the provider's audit");

    const audit = await apiGet(own, `/provider/audits/${auditId}`);
    assert.equal(audit.status, 200);
    const standards = audit.body.standards;
    assert.equal(standards.length, 15, 'fifteen standards');
    assert.equal(new Set(standards.map((s) => s.theme)).size, 5, 'in five themes');
    const red = standards.find((s) => s.key === 'l2');
    const more = standards.find((s) => s.key === 'p1');

    await own.getByRole('button', { name: 'Submit the evidence' }).click();
    await own.locator('.govuk-error-summary').waitFor();
    await assertAxeClean(own, 'submitting without evidence');
    for (const s of standards) await answer(own, s);
    await own.getByRole('button', { name: 'Submit the evidence' }).click();
    await own.getByText('Evidence submitted', { exact: true }).waitFor();

    await lead.reload();
    await lead.getByText('Evidence submitted', { exact: true }).waitFor();
    for (const s of standards) await rate(lead, s, s.key === red.key ? 'Red' : 'Green');
    await assertAxeClean(lead, 'the audit rated');
    const moreBlock = section(lead, more.key);
    await moreBlock.getByText(`Ask for more evidence on ${more.title}`).click();
    await moreBlock
      .getByLabel(`What more is needed for ${more.title}`)
      .fill('Send this term’s targets for two pupils, anonymised.');
    await moreBlock.getByRole('button', { name: `Ask for more on ${more.title}` }).click();
    await lead.getByText('More evidence requested', { exact: true }).waitFor();

    await own.reload();
    await own.getByText('More evidence requested', { exact: true }).waitFor();
    await own.getByText(/The council asks for more: Send this term/).waitFor();
    assert.equal(
      await section(own, standards[0].key).getByRole('textbox').count(),
      0,
      'only the standard asked about reopens',
    );
    await answer(own, more, 2);
    await own.getByRole('button', { name: 'Submit the evidence' }).click();
    await own.getByText('Evidence submitted', { exact: true }).waitFor();
    const redBlock = section(own, red.key);
    await redBlock.getByText(`Challenge the rating of ${red.title}`).click();
    await redBlock
      .getByLabel(`Your reasons for challenging ${red.title}`)
      .fill('Our safer recruitment log was sent with the second file.');
    await redBlock.getByRole('button', { name: `Send the challenge of ${red.title}` }).click();
    await redBlock.getByText('Waiting for the council’s answer.').waitFor();
    await assertAxeClean(own, 'the provider after challenging');

    await lead.reload();
    await lead.getByText('Evidence submitted', { exact: true }).waitFor();
    await rate(lead, more, 'Green');
    await lead.getByLabel('Not upheld: the rating stands').check();
    await lead.getByLabel('Your reasons').fill('The log has gaps for two staff this term.');
    await lead.getByRole('button', { name: 'Send the answer' }).click();
    await lead.getByText(/^Not upheld: The log has gaps/).waitFor();
    await lead.getByLabel('Date of the visit').fill(inDays(-1));
    await lead.getByLabel('Notes of the visit').fill('Calm rooms; staff knew each pupil’s plan.');
    await lead.getByRole('button', { name: 'Save the visit notes' }).click();
    await lead.getByText('The visit notes are saved.').waitFor();
    await lead.getByLabel('Approved with conditions', { exact: true }).check();
    await lead
      .getByLabel('Conditions (when approved with conditions)')
      .fill('A complete safer recruitment log each month.');
    await lead.getByLabel('Review date').fill(inDays(365));
    await lead.getByRole('button', { name: 'Record the decision' }).click();
    await lead.getByText('Decided', { exact: true }).waitFor();
    const overall = lead.locator('.govuk-summary-list__row', { hasText: 'Overall rating' });
    assert.match(await overall.innerText(), /Red/, 'one red standard makes the overall red');
    await assertAxeClean(lead, 'the decided audit');
    await lead.getByRole('button', { name: 'Share the result with the region' }).click();
    await lead.getByText(/Shared with the region on/).waitFor();

    const decided = await own.evaluate(async (id) => {
      const response = await fetch(`/api/v1/provider/audits/${id}`);

      return response.json();
    }, auditId);
    assert.equal(decided.visit_notes, '', 'the provider never reads the site-visit notes');
    assert.equal(decided.challenges[0].answer, 'The log has gaps for two staff this term.');
    await own.context().close();

    const dudley = await newPage(browser);
    await signIn(dudley, baseUrl, 'qa_lead@dudley.example.org');
    await dudley.goto(`${baseUrl}/t/dudley/provider-results`);
    await dudley.getByRole('heading', { level: 1, name: 'Results shared by the region' }).waitFor();
    await dudley.getByRole('link', { name: provider }).click();
    await dudley.getByRole('heading', { level: 1, name: provider }).waitFor();
    await dudley.getByText('Shared by City of Wolverhampton', { exact: false }).waitFor();
    await dudley.getByText(`Red: feedback on ${red.title}.`, { exact: false }).waitFor();
    await assertAxeClean(dudley, 'a result shared by the region');
    // Dudley may rely on it, or put the provider on its register to audit it too.
    await dudley.getByRole('button', { name: 'Add the provider to your register' }).click();
    await dudley.getByRole('heading', { level: 2, name: 'Open an audit' }).waitFor();
    await assertAxeClean(dudley, 'the shared provider on the register');

    await lead.getByRole('button', { name: 'Withdraw the share' }).click();
    await lead.getByRole('button', { name: 'Share the result with the region' }).waitFor();
    await dudley.goto(`${baseUrl}/t/dudley/provider-results`);
    await dudley.getByText('No council of your region shares a result now.').waitFor();
    await assertAxeClean(dudley, 'the shared results after withdrawal');
    const gone = await apiGet(dudley, `/t/dudley/provider-audits/shared/${auditId}`);
    assert.equal(gone.status, 404, 'a withdrawn result is gone');

    // The forms sent empty on purpose answer 422, and the withdrawn result
    // 404, which the browser logs.
    const unexpected = (page) => page.problems.filter((p) => !/status of (404|422)/.test(p));
    assert.deepEqual(unexpected(lead), []);
    assert.deepEqual(unexpected(dudley), []);
    await lead.context().close();
    await dudley.context().close();
  });
});
