// HY5! site visits against the real server and its demo data, on a phone:
// a participation officer creates two young people; one signs in with an
// invitation code, records a visit with a photo with the keyboard alone,
// loses the signal half way and again while sending, and the visit sends
// itself when the signal returns; the officer reviews and approves it;
// the service's manager answers with an action; the young person sees
// the answer. The young person's pages are checked by axe and at 320 CSS
// pixels wide, which is a 640-pixel phone screen at 200% zoom.
// Needs the API: SENDQA_BASE_URL or SENDQA_BIN (see server.mjs).
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
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
const phone = { viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true };

/** A small PNG of one colour, as a phone's camera would give a picture. */
function png() {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;

    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);

    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));

    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(16, 0);
  header.writeUInt32BE(16, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  const rows = Buffer.concat(
    Array.from({ length: 16 }, () => Buffer.from([0, ...Array(16).fill([40, 120, 200]).flat()])),
  );
  // A text chunk with a place in it: the server must not keep it.
  const text = Buffer.from('Comment\0Taken at 52.5862 N, 2.1288 W');

  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('tEXt', text),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('young people’s site visits with the real server', { skip }, () => {
  let browser;
  let server;
  let baseUrl;
  const codes = {};
  let visitId;

  before(async () => {
    server = await startTarget();
    baseUrl = server.url;
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function checkPage(page, label) {
    await assertAxeClean(page, label);
    await assertNoHorizontalScroll(page, label);
  }

  async function apiCall(page, method, path, body, headers = {}) {
    return page.evaluate(
      async ({ method, path, body, headers }) => {
        const response = await fetch(`/api/v1${path}`, {
          method,
          headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'sendqa', ...headers },
          body: body ? JSON.stringify(body) : undefined,
        });

        return { status: response.status, body: await response.json() };
      },
      { method, path, body, headers },
    );
  }

  /** Every control on the page has an accessible name. */
  async function assertNamedControls(page, label) {
    const unnamed = await page.evaluate(() =>
      [...document.querySelectorAll('a[href], button, input, select, textarea')]
        .filter((el) => el.type !== 'hidden')
        .filter((el) => {
          const name =
            el.getAttribute('aria-label') ||
            el.labels?.[0]?.textContent ||
            (el.getAttribute('aria-labelledby') &&
              document.getElementById(el.getAttribute('aria-labelledby'))?.textContent) ||
            el.textContent;

          return !name || name.trim() === '';
        })
        .map((el) => el.outerHTML.slice(0, 80)),
    );
    assert.deepEqual(unnamed, [], `controls without a name on ${label}`);
  }

  async function youngPage(page, label) {
    await checkPage(page, label);
    await assertNamedControls(page, label);
  }

  /** Presses a control with the keyboard: focus, then Enter or Space. */
  async function press(locator, key = 'Enter') {
    await locator.focus();
    await locator.page().keyboard.press(key);
  }

  async function type(locator, text) {
    await locator.focus();
    await locator.page().keyboard.type(text);
  }

  it('lets an officer create two young people with codes', async () => {
    const officer = await newPage(browser);
    await signIn(officer, baseUrl, `participation_officer@${tenant}.example.org`);
    await officer.goto(`${baseUrl}/t/${tenant}/young-people`);
    await officer.getByRole('heading', { level: 1, name: 'Young people' }).waitFor();
    await checkPage(officer, 'the young people page');
    for (const name of ['Jo', 'Kai']) {
      await officer.getByLabel('First name').fill(name);
      await officer.getByRole('button', { name: 'Add young person' }).click();
      await officer.getByRole('heading', { name: `Code for ${name}` }).waitFor();
      codes[name] = (await officer.getByTestId('young-person-code').textContent()).trim();
      assert.match(codes[name], /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    }
    await officer.getByRole('cell', { name: 'Kai', exact: true }).waitFor();
    await checkPage(officer, 'the young people page with a code shown');

    // The service the young person will choose first gets a local plan
    // led by the demo service manager, who answers the visit.
    const lead = await newPage(browser);
    await signIn(lead, baseUrl, `qa_lead@${tenant}.example.org`);
    const orgs = await apiCall(lead, 'GET', `/t/${tenant}/organisations?limit=200`);
    const service = orgs.body.items.find((o) => o.kind === 'service');
    const members = await apiCall(lead, 'GET', `/t/${tenant}/members?limit=200`);
    const manager = members.body.items.find(
      (m) => m.email === `service_manager@${tenant}.example.org`,
    );
    const plan = await apiCall(lead, 'POST', `/t/${tenant}/action-plans`, {
      kind: 'local',
      title: `${service.name} plan`,
      organisation_id: service.id,
      lead_id: manager.person_id ?? manager.id,
    });
    assert.ok([201, 409].includes(plan.status), JSON.stringify(plan.body));
    assert.deepEqual(officer.problems, []);
  });

  it('lets a young person record a visit on a phone, offline half way, with the keyboard', async () => {
    assert.ok(codes.Jo, 'the officer gave Jo a code first');
    const page = await newPage(browser, phone);
    const context = page.context();

    await page.goto(`${baseUrl}/sign-in/code?area=${tenant}`);
    await page.getByRole('heading', { level: 1, name: 'Sign in with your code' }).waitFor();
    await youngPage(page, 'the code sign-in page');
    await type(page.getByLabel('Your code'), codes.Jo.toLowerCase());
    await type(page.getByLabel('Your secret words'), 'bus');
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: /at least 8 letters/ }).waitFor();
    await youngPage(page, 'the code sign-in page with a short passphrase');
    await page.getByLabel('Your secret words').fill('');
    await type(page.getByLabel('Your secret words'), 'green bus stop');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'My visits' }).waitFor();
    await youngPage(page, 'my visits, empty');

    await press(page.getByRole('button', { name: 'Record a visit' }));
    await page.getByRole('heading', { level: 1, name: 'About your visit' }).waitFor();
    await youngPage(page, 'about your visit');
    await type(page.getByLabel('Where did you go?'), 'Youth centre');
    await press(page.getByLabel(/Which service was it/), 'ArrowDown');
    await press(page.getByRole('checkbox', { name: 'Kai' }), 'Space');
    await press(page.getByRole('button', { name: 'Continue' }));

    const answerFace = async (question, face) => {
      await page.getByRole('heading', { level: 1, name: question }).waitFor();
      await press(page.getByRole('radio', { name: new RegExp(`^${face}`) }), 'Space');
      await press(page.getByRole('button', { name: 'Next' }));
    };
    const answerWords = async (question, words) => {
      await page.getByRole('heading', { level: 1, name: question }).waitFor();
      await type(page.getByRole('textbox', { name: new RegExp(question) }), words);
      await press(page.getByRole('button', { name: 'Next' }));
    };

    await page
      .getByRole('heading', { level: 1, name: 'Did people make you feel welcome?' })
      .waitFor();
    await youngPage(page, 'a question with the picture scale');
    await answerFace('Did people make you feel welcome?', 'Good');
    await answerFace('Was it easy to get in and move around?', 'OK');

    await context.setOffline(true);
    await answerFace('Did staff listen to you?', 'Very good');
    await page.getByText('Waiting to send: saved on this phone').waitFor();
    await youngPage(page, 'a question while offline');
    await answerFace('Was the information easy to understand?', 'Bad');
    await answerWords('What was good?', 'The staff said hello to everyone.');
    await answerWords('What could be better?', 'The signs were too small to read.');
    await answerFace('How was your visit?', 'Good');
    await context.setOffline(false);

    await page.getByRole('heading', { level: 1, name: 'Add photos if you want to' }).waitFor();
    await page.getByText('Saved.', { exact: true }).waitFor();
    await youngPage(page, 'the photos step');
    await page.getByText('No faces please').waitFor();
    await page.getByLabel('Choose a photo').setInputFiles({
      name: 'visit.png',
      mimeType: 'image/png',
      buffer: png(),
    });
    await page.getByText('1 photo added.').waitFor();
    await press(page.getByRole('button', { name: 'Next' }));

    await page.getByRole('heading', { level: 1, name: 'Check and send' }).waitFor();
    await youngPage(page, 'check and send');
    await context.setOffline(true);
    await press(page.getByRole('button', { name: 'Send my visit' }));
    await page.getByText('Waiting to send: your visit is kept on this phone').waitFor();
    await page.getByRole('button', { name: 'Waiting to send' }).waitFor();
    await context.setOffline(false);
    // The page confirms the send, or, when the answer to the send was lost
    // as the signal came back, shows the visit as the server now has it.
    await page
      .getByRole('heading', { level: 1, name: 'Visit sent' })
      .or(page.getByText('Sent: your participation officer is checking it'))
      .waitFor();
    await youngPage(page, 'visit sent');

    const mine = await apiCall(page, 'GET', `/t/${tenant}/visits`);
    assert.equal(mine.body.items.length, 1);
    const visit = mine.body.items[0];
    visitId = visit.id;
    assert.equal(visit.state, 'submitted');
    assert.equal(visit.answers.staff_listened, 'face_5', 'the answer given offline arrived');
    assert.deepEqual(visit.people.map((p) => p.first_name).sort(), ['Jo', 'Kai']);
    const full = await apiCall(page, 'GET', `/t/${tenant}/visits/${visitId}`);
    assert.equal(full.body.photos.length, 1);
    const stored = await page.evaluate(async (url) => {
      const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());

      return String.fromCharCode(...bytes);
    }, `/api/v1/t/${tenant}/visits/${visitId}/photos/${full.body.photos[0].id}`);
    assert.ok(!stored.includes('52.5862'), 'the stored photo keeps no place');
    // The short passphrase was refused with 422, on purpose. A send made
    // as the signal returns may reach the server while the browser still
    // reports it lost; its retry is answered 409 (already sent), which the
    // page reads as sent. Nothing else may fail.
    assert.deepEqual(
      page.problems.filter(
        (p) => !p.includes('ERR_INTERNET_DISCONNECTED') && !p.includes('422') && !p.includes('409'),
      ),
      [],
    );
  });

  it('lets the officer approve and the manager answer, and the young person sees it', async () => {
    assert.ok(visitId, 'the young person sent a visit first');
    const officer = await newPage(browser, phone);
    await signIn(officer, baseUrl, `participation_officer@${tenant}.example.org`);
    await officer.goto(`${baseUrl}/t/${tenant}/visits`);
    await officer.getByRole('heading', { level: 1, name: 'Site visits' }).waitFor();
    await officer.getByRole('link', { name: 'Youth centre' }).click();
    await officer.getByRole('heading', { level: 1, name: 'Visit to Youth centre' }).waitFor();
    await officer.getByRole('img', { name: /Taken on the visit/ }).waitFor();
    await checkPage(officer, 'a visit to review');
    await officer.getByRole('button', { name: 'Approve and send to the service' }).click();
    await officer.getByText('Sent to the service').waitFor();
    await checkPage(officer, 'an approved visit');

    const manager = await newPage(browser, phone);
    await signIn(manager, baseUrl, `service_manager@${tenant}.example.org`);
    await manager.goto(`${baseUrl}/t/${tenant}/visits`);
    await manager.getByRole('link', { name: 'Youth centre' }).click();
    await manager.getByRole('heading', { level: 1, name: 'Visit to Youth centre' }).waitFor();
    await checkPage(manager, 'a visit to answer');
    await manager.getByLabel('You said, we did').fill('We have put up bigger signs by the door.');
    await manager.getByLabel('An action for your local plan').fill('Replace the signs');
    const due = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await manager.getByLabel('When the action is due').fill(due);
    await manager.getByRole('button', { name: 'Send the answer' }).click();
    await manager.getByTestId('you-said-we-did').waitFor();
    await checkPage(manager, 'an answered visit');
    await manager.goto(`${baseUrl}/t/${tenant}/visits`);
    await manager.getByRole('heading', { name: 'Ratings over time' }).waitFor();
    await checkPage(manager, 'the visits overview');

    const young = await newPage(browser, phone);
    await young.goto(`${baseUrl}/sign-in/code?area=${tenant}`);
    await type(young.getByLabel('Your code'), codes.Jo);
    await type(young.getByLabel('Your secret words'), 'green bus stop');
    await young.keyboard.press('Enter');
    await young.getByRole('heading', { level: 1, name: 'My visits' }).waitFor();
    await young.getByText('We have put up bigger signs by the door.').waitFor();
    await young.getByText(/Replace the signs/).waitFor();
    await youngPage(young, 'my visits with the answer');
    const notices = await apiCall(young, 'GET', `/t/${tenant}/notifications`);
    assert.ok(
      notices.body.items.some((n) => n.title.startsWith('You said, we did')),
      JSON.stringify(notices.body),
    );
    for (const p of [officer, manager, young]) assert.deepEqual(p.problems, []);
  });
});
