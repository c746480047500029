// Moderation against the real server and its demo data: an auditor's
// submitted audit is drawn for moderation, a second auditor audits it
// blind, a QA lead compares the two and records the agreed result, and
// the poor result goes back to a contributing service, whose manager
// answers it and adds a remedial action that shows in the improvement
// plan. Every page is axe clean and does not scroll sideways at 320px.
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
const grades = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h1', 'h2', 'i', 'j', 'k', 'golden_thread'];

/** Answers to the EHCP quality audit of a year 5 child's plan, one grade throughout. */
function answers(grade, extra = {}) {
  const out = {
    plan_issued_on: '2026-01-10',
    plan_status: 'new',
    nc_year: 5,
    contributing_services: ['educational_psychology'],
    no_conflict: 'yes',
    ...extra,
  };
  for (const g of grades) out[`${g}_grade`] = grade;

  return out;
}

function inDays(days) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

describe('moderation and feedback with the real server', { skip }, () => {
  let browser;
  let server;
  let baseUrl;
  let allocation;
  let moderationId;

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
  async function apiCall(page, method, path, body, headers = {}) {
    return page.evaluate(
      async ({ method, path, body, headers }) => {
        const response = await fetch(`/api/v1${path}`, {
          method,
          headers: {
            'Content-Type': 'application/json',
            'X-Requested-With': 'sendqa',
            ...headers,
          },
          body: body ? JSON.stringify(body) : undefined,
        });

        return { status: response.status, body: await response.json() };
      },
      { method, path, body, headers },
    );
  }

  async function emailOf(page, personId) {
    const member = await apiCall(page, 'GET', `/t/${tenant}/members/${personId}`);
    assert.equal(member.status, 200, JSON.stringify(member.body));

    return member.body.email;
  }

  it('takes a moderation from allocation to an agreed result', async () => {
    const lead = await newSignedInPage(`qa_lead@${tenant}.example.org`);
    const rounds = await apiCall(lead, 'GET', `/t/${tenant}/rounds`);
    // The round in progress, not one the demo has already finished.
    const round = rounds.body.items.find((r) => r.name === 'Autumn 2026 EHC plan audit');
    assert.ok(round, 'the demo has its autumn round');
    const allocations = await apiCall(lead, 'GET', `/t/${tenant}/rounds/${round.id}/allocations`);
    allocation = allocations.body.items.find((a) => a.auditor_id);
    assert.ok(allocation, 'the demo round has an allocated plan');

    // The first auditor completes the audit (their pages are tested apart).
    const first = await newSignedInPage(await emailOf(lead, allocation.auditor_id));
    const started = await apiCall(first, 'POST', `/t/${tenant}/responses`, {
      allocation_id: allocation.id,
    });
    assert.ok([200, 201].includes(started.status), JSON.stringify(started.body));
    const submitted = await apiCall(
      first,
      'POST',
      `/t/${tenant}/responses/${started.body.id}/submit`,
      { answers: answers('inadequate', { plan_reference: allocation.local_id }) },
      { 'If-Match': `"${started.body.version}"` },
    );
    assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
    await first.context().close();

    await lead.goto(`${baseUrl}/t/${tenant}/moderation`);
    await lead.getByRole('heading', { name: 'Moderation', exact: true }).waitFor();
    assert.match(await lead.title(), /^Moderation – .* – sendqa$/);
    await checkPage(lead, 'the moderation list before a draw');
    await lead.getByRole('button', { name: 'Draw the sample' }).click();
    await lead.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await checkPage(lead, 'the draw with errors');
    await lead.getByLabel('Round', { exact: true }).selectOption(round.id);
    await lead.getByLabel('Number of each auditor’s audits to moderate').fill('1');
    await lead.getByLabel('Moderation due date').fill(inDays(14));
    await lead.getByRole('button', { name: 'Draw the sample' }).click();
    await lead.getByText('1 moderations given out.').waitFor();
    const row = lead.getByRole('row', { name: new RegExp(allocation.local_id) });
    await row.waitFor();
    assert.match(await row.innerText(), /Not started/);
    await checkPage(lead, 'the moderation list after a draw');

    const list = await apiCall(lead, 'GET', `/t/${tenant}/moderations`);
    const drawn = list.body.items.find((m) => m.local_id === allocation.local_id);
    moderationId = drawn.id;
    assert.notEqual(drawn.moderator_id, allocation.auditor_id);

    // The moderator sees the form but not the first audit.
    const moderator = await newSignedInPage(await emailOf(lead, drawn.moderator_id));
    const saved = await apiCall(
      moderator,
      'PUT',
      `/t/${tenant}/moderations/${moderationId}/answers`,
      { answers: answers('requires_improvement', { a_grade: 'inadequate' }) },
      { 'If-Match': `"${drawn.version}"` },
    );
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.equal(saved.body.first_result, null);
    const blind = await apiCall(
      moderator,
      'GET',
      `/t/${tenant}/moderations/${moderationId}/comparison`,
    );
    assert.equal(blind.status, 409, 'the comparison waits for the moderator');
    await moderator.goto(`${baseUrl}/t/${tenant}/moderation/${moderationId}`);
    await moderator
      .getByRole('heading', { name: `Moderation of ${allocation.local_id}` })
      .waitFor();
    await checkPage(moderator, "the moderator's form");
    await moderator.getByRole('button', { name: 'Save and come back later' }).click();
    await moderator.getByText('Your answers are saved.').waitFor();
    await moderator.getByRole('button', { name: 'Submit the moderation' }).click();
    await moderator
      .getByRole('heading', { name: `Comparison of ${allocation.local_id}` })
      .waitFor();
    assert.ok((await moderator.getByText('Differs', { exact: true }).count()) >= 12);
    await checkPage(moderator, 'the comparison after the moderator submits');
    await moderator.context().close();

    await lead.goto(`${baseUrl}/t/${tenant}/moderation/${moderationId}/comparison`);
    await lead.getByRole('heading', { name: 'Record the agreed result' }).waitFor();
    await checkPage(lead, 'the comparison with the agreed result form');
    await lead.getByRole('button', { name: 'Record the agreed result' }).click();
    await lead.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await lead.getByLabel('Inadequate', { exact: true }).check();
    await lead
      .getByLabel('What the auditors discussed')
      .fill('Outcomes are not SMART in most sections; the first grade stands.');
    await lead.getByRole('button', { name: 'Record the agreed result' }).click();
    await lead
      .getByRole('heading', { name: 'Record the agreed result' })
      .waitFor({ state: 'detached' });
    await lead.getByText('Agreed result', { exact: true }).waitFor();
    await checkPage(lead, 'the comparison with its agreed result');

    await lead.goto(`${baseUrl}/t/${tenant}/moderation`);
    await lead.getByRole('button', { name: 'Send the round’s feedback' }).click();
    await lead.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await checkPage(lead, 'sending feedback without a round');
    await lead.getByLabel('Round to send feedback for').selectOption(round.id);
    await lead.getByRole('button', { name: 'Send the round’s feedback' }).click();
    await lead.getByText(/1 submitted audits will be checked/).waitFor();

    await lead.goto(`${baseUrl}/t/${tenant}/agreement`);
    await lead.getByRole('heading', { level: 1, name: 'Agreement between auditors' }).waitFor();
    await lead.getByRole('table', { name: 'By round' }).waitFor();
    await lead.getByRole('table', { name: /Confusion matrix/ }).waitFor();
    await checkPage(lead, 'the agreement statistics');
    await lead.context().close();
  });

  it('lets a service manager answer feedback and add an action to the plan', async () => {
    assert.ok(moderationId, 'the moderation test ran first');
    const lead = await newSignedInPage(`qa_lead@${tenant}.example.org`);
    const service = allocation.contributing_services[0];
    const orgs = await apiCall(
      lead,
      'GET',
      `/t/${tenant}/organisations?kind=service&q=${encodeURIComponent(service)}`,
    );
    const org = orgs.body.items.find((o) => o.name.toLowerCase() === service.toLowerCase());
    assert.ok(org, `the demo has the service ${service}`);
    const members = await apiCall(lead, 'GET', `/t/${tenant}/members?limit=200`);
    const manager = members.body.items.find(
      (m) => m.email === `service_manager@${tenant}.example.org`,
    );
    const plan = await apiCall(lead, 'POST', `/t/${tenant}/action-plans`, {
      kind: 'local',
      title: `${service} local plan`,
      organisation_id: org.id,
      lead_id: manager.person_id,
    });
    assert.equal(plan.status, 201, JSON.stringify(plan.body));
    await lead.context().close();

    const page = await newSignedInPage(`service_manager@${tenant}.example.org`);
    // The daily sweep may have sent the service feedback on other demo
    // plans too; the moderated plan's arrives once.
    const ours = (items) => items.filter((f) => f.local_id === allocation.local_id);
    let feedback = [];
    for (let i = 0; i < 50 && feedback.length === 0; i++) {
      feedback = ours((await apiCall(page, 'GET', `/t/${tenant}/feedback`)).body.items);
      if (feedback.length === 0) await page.waitForTimeout(200);
    }
    assert.equal(feedback.length, 1, 'the feedback job sent the findings to the service');

    await page.goto(`${baseUrl}/t/${tenant}/feedback`);
    await page.getByRole('heading', { name: 'Feedback to services' }).waitFor();
    await checkPage(page, 'the feedback inbox');
    await page.getByRole('link', { name: allocation.local_id }).click();
    await page.getByRole('heading', { name: `Feedback on ${allocation.local_id}` }).waitFor();
    await checkPage(page, 'a piece of feedback');
    await page
      .getByLabel('Your response to the findings')
      .fill('We will review our contributions to plans with the SENCOs.');
    await page.getByRole('button', { name: 'Save the response' }).click();
    await page.getByText('Your response is saved.').waitFor();
    await page.getByRole('button', { name: 'Add the action' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await checkPage(page, 'the action form with errors');
    await page.getByLabel('Action', { exact: true }).fill('Train advice writers in SMART outcomes');
    await page.getByLabel('Due date').fill(inDays(60));
    await page.getByRole('button', { name: 'Add the action' }).click();
    await page.getByText('Action added:').waitFor();
    await checkPage(page, 'the feedback with its action');

    await page.goto(`${baseUrl}/t/${tenant}/actions`);
    await page.getByRole('row', { name: /Train advice writers in SMART outcomes/ }).waitFor();
    await checkPage(page, 'the improvement plan with the remedial action');
    await page.context().close();
  });
});
