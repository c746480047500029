import { describe, expect, it } from 'vitest';
import { ApiError, networkProblem } from '../problem';
import type { Answers } from '../instrument/types';
import { DraftSaver, recover, type SaveState } from './autosave';
import { memoryStore, personalItems, storableAnswers } from './deviceStore';

const stale = new ApiError({
  type: 'about:blank',
  title: 'Precondition Failed',
  status: 412,
  detail: 'this response was saved elsewhere (version 4)',
});

/** A server holding one draft, which answers as the API does. */
function fakeServer(startVersion: number) {
  const server = { version: startVersion, answers: {} as Answers, online: true, calls: 0 };
  const save = async (version: number, answers: Answers) => {
    server.calls++;
    if (!server.online) throw new ApiError(networkProblem);
    if (version !== server.version) throw stale;
    server.version++;
    server.answers = answers;

    return { version: server.version, updated_at: '2026-11-02T10:00:00Z' };
  };

  return { server, save };
}

function setup(startVersion = 1) {
  const { server, save } = fakeServer(startVersion);
  const store = memoryStore();
  const states: SaveState[] = [];
  const saver = new DraftSaver({
    responseId: 'r1',
    version: startVersion,
    personal: new Set(['nhs_number']),
    save,
    store,
    isOnline: () => server.online,
    onState: (state) => states.push(state),
    delay: 5,
  });

  return { server, store, states, saver };
}

describe('DraftSaver', () => {
  it('sends the latest answers once typing pauses, with the version they were made on', async () => {
    const { server, saver, states } = setup();
    saver.change({ a: 'x' });
    saver.change({ a: 'xy' });
    await new Promise((resolve) => setTimeout(resolve, 20));

    expect(server.calls).toBe(1);
    expect(server.answers).toEqual({ a: 'xy' });
    expect(saver.currentVersion).toBe(2);
    expect(states.at(-1)).toEqual({ kind: 'saved', version: 2, at: '2026-11-02T10:00:00Z' });
  });

  it('keeps answers on the device without personal data while offline, and sends them on return', async () => {
    const { server, saver, store, states } = setup();
    server.online = false;
    saver.change({ a: 'x', nhs_number: '9434765919' });
    await saver.flush();

    expect(states.at(-1)?.kind).toBe('device');
    const kept = await store.get('r1');
    expect(kept?.answers).toEqual({ a: 'x' });
    expect(kept?.baseVersion).toBe(1);
    expect(server.calls).toBe(0);

    server.online = true;
    saver.online();
    await saver.flush();

    expect(server.answers).toEqual({ a: 'x', nhs_number: '9434765919' });
    expect(await store.get('r1')).toBeUndefined();
    expect(states.at(-1)?.kind).toBe('saved');
  });

  it('keeps answers on the device when a request fails although the browser thinks it is online', async () => {
    const { saver, store, states } = setup();
    const failing = new DraftSaver({
      responseId: 'r1',
      version: 1,
      personal: new Set(),
      save: () => Promise.reject(new TypeError('Failed to fetch')),
      store,
      isOnline: () => true,
      onState: (state) => states.push(state),
    });
    failing.change({ a: 'x' });
    await failing.flush();

    expect(states.at(-1)?.kind).toBe('device');
    expect((await store.get('r1'))?.answers).toEqual({ a: 'x' });
    saver.stop();
  });

  it('stops on a newer save elsewhere, says so, and sends nothing more until reset', async () => {
    const { server, saver, states } = setup();
    server.version = 4; // another tab saved twice
    saver.change({ a: 'mine' });
    await saver.flush();

    expect(states.at(-1)).toEqual({ kind: 'conflict', message: stale.message });
    saver.change({ a: 'more' });
    await saver.flush();
    expect(server.calls).toBe(1);

    saver.reset(4);
    saver.change({ a: 'again' });
    await saver.flush();
    expect(server.answers).toEqual({ a: 'again' });
    expect(saver.currentVersion).toBe(5);
  });

  it('reports a refusal that is not about the connection, and tries again on the next change', async () => {
    const { store, states } = setup();
    let refuse = true;
    const saver = new DraftSaver({
      responseId: 'r1',
      version: 1,
      personal: new Set(),
      save: async () => {
        if (refuse) {
          throw new ApiError({
            type: 'about:blank',
            title: 'Unprocessable',
            status: 422,
            detail: 'answers.a: must be text',
          });
        }

        return { version: 2, updated_at: 'now' };
      },
      store,
      isOnline: () => true,
      onState: (state) => states.push(state),
    });
    saver.change({ a: 1 });
    await saver.flush();
    expect(states.at(-1)).toEqual({ kind: 'error', message: 'answers.a: must be text' });
    expect(await store.get('r1')).toBeUndefined();

    refuse = false;
    saver.change({ a: 'one' });
    await saver.flush();
    expect(states.at(-1)?.kind).toBe('saved');
  });
});

describe('recover', () => {
  const personal = new Set(['dob']);
  const server = { version: 3, answers: { a: 'server', dob: '2014-01-02' } };

  it('takes a device copy made on the server version, keeping personal answers from the server', () => {
    const got = recover(
      server,
      { baseVersion: 3, answers: { a: 'device', b: 'new' }, savedAt: 't' },
      personal,
    );
    expect(got).toEqual({
      answers: { dob: '2014-01-02', a: 'device', b: 'new' },
      fromDevice: true,
    });
  });

  it('offers, but does not apply, a device copy older than the server draft', () => {
    const got = recover(server, { baseVersion: 2, answers: { a: 'old' }, savedAt: 't' }, personal);
    expect(got.answers).toEqual(server.answers);
    expect(got.fromDevice).toBe(false);
    expect(got.olderCopy?.answers).toEqual({ dob: '2014-01-02', a: 'old' });
  });

  it('uses the server draft when the device has none (another device resumes)', () => {
    expect(recover(server, undefined, personal)).toEqual({
      answers: server.answers,
      fromDevice: false,
    });
  });
});

describe('personal data', () => {
  it('finds the personal questions of a definition and leaves them out of device storage', () => {
    const def = {
      sections: [
        {
          id: 's',
          title: 'S',
          items: [
            { id: 'name', kind: 'personal', label: 'Name', personal_kind: 'name' },
            { id: 'q', kind: 'text', label: 'Q' },
          ],
        },
      ],
    } as unknown as Parameters<typeof personalItems>[0];
    const ids = personalItems(def);
    expect([...ids]).toEqual(['name']);
    expect(storableAnswers({ name: 'Sam', q: 'yes' }, ids)).toEqual({ q: 'yes' });
  });
});
