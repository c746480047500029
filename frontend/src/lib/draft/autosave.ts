import type { Answers } from '../instrument/types';
import { ApiError } from '../problem';
import { storableAnswers, type DraftStore } from './deviceStore';

/** What the auditor is told about their latest answers. */
export type SaveState =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved'; version: number; at: string }
  /** Kept on this device while sendqa cannot be reached. */
  | { kind: 'device'; at: string }
  /** Saved elsewhere since this page loaded it: nothing more is sent. */
  | { kind: 'conflict'; message: string }
  | { kind: 'error'; message: string };

export interface Saved {
  version: number;
  updated_at: string;
}

export interface SaverOptions {
  responseId: string;
  /** The server version the page loaded. */
  version: number;
  /** Ids of questions whose answers never go into device storage. */
  personal: Set<string>;
  save: (version: number, answers: Answers) => Promise<Saved>;
  store: DraftStore;
  isOnline: () => boolean;
  onState: (state: SaveState) => void;
  /** How long typing must pause before a save is sent, in milliseconds. */
  delay?: number;
  now?: () => Date;
}

/** A request that got no answer: the connection, not the server, failed. */
function isOffline(error: unknown) {
  return !(error instanceof ApiError) || error.status === 0;
}

/**
 * Saves a draft's answers as the auditor works: a pause in typing sends
 * them with the version they were made on, so a newer save from another
 * tab or device is refused (412) rather than overwritten. Without a
 * connection the answers wait on this device, less personal data, and go
 * when it returns.
 */
export class DraftSaver {
  private version: number;
  private latest: Answers | undefined;
  private dirty = false;
  private state: SaveState = { kind: 'idle' };
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: Promise<void> | undefined;
  private readonly options: SaverOptions;

  constructor(options: SaverOptions) {
    this.options = options;
    this.version = options.version;
  }

  get currentVersion() {
    return this.version;
  }

  get current(): SaveState {
    return this.state;
  }

  /** Takes the answers as they now stand, to save after a pause. */
  change(answers: Answers) {
    this.latest = answers;
    this.dirty = true;
    if (this.state.kind === 'conflict') return;
    if (!this.options.isOnline()) {
      void this.keepOnDevice();

      return;
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.options.delay ?? 800);
    this.set({ kind: 'pending' });
  }

  /** Sends what is waiting now; resolves once nothing is in flight. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    if (this.inFlight) {
      await this.inFlight;

      return this.dirty ? this.flush() : undefined;
    }
    if (!this.dirty || !this.latest || this.state.kind === 'conflict') return;
    if (!this.options.isOnline()) return this.keepOnDevice();

    this.inFlight = this.send(this.latest).finally(() => {
      this.inFlight = undefined;
    });
    await this.inFlight;
    if (this.dirty && this.state.kind === 'saved') return this.flush();
  }

  /** The connection is back: send what waited on this device. */
  online() {
    if (this.dirty) void this.flush();
  }

  /** Starts again from a version loaded from the server. */
  reset(version: number) {
    clearTimeout(this.timer);
    this.version = version;
    this.latest = undefined;
    this.dirty = false;
    this.set({ kind: 'idle' });
  }

  stop() {
    clearTimeout(this.timer);
  }

  private async send(answers: Answers) {
    this.dirty = false;
    this.set({ kind: 'saving' });
    try {
      const saved = await this.options.save(this.version, answers);
      this.version = saved.version;
      await this.options.store.remove(this.options.responseId);
      this.set({ kind: 'saved', version: saved.version, at: saved.updated_at });
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        this.dirty = true;
        this.set({ kind: 'conflict', message: error.message });
      } else if (isOffline(error)) {
        this.dirty = true;
        await this.keepOnDevice();
      } else {
        this.dirty = true;
        this.set({ kind: 'error', message: (error as Error).message });
      }
    }
  }

  private async keepOnDevice() {
    if (!this.latest) return;
    const at = (this.options.now?.() ?? new Date()).toISOString();
    await this.options.store.put({
      responseId: this.options.responseId,
      baseVersion: this.version,
      answers: storableAnswers(this.latest, this.options.personal),
      savedAt: at,
    });
    this.set({ kind: 'device', at });
  }

  private set(state: SaveState) {
    this.state = state;
    this.options.onState(state);
  }
}

export interface Recovered {
  answers: Answers;
  /** The device's answers were made on this version and should be sent. */
  fromDevice: boolean;
  /**
   * A copy on this device made on an older version than the server's:
   * the auditor chooses whether to use it.
   */
  olderCopy?: { answers: Answers; savedAt: string };
}

/**
 * Joins the server's draft with a copy left on this device. A copy made
 * on the server's version is newer work, so it wins; personal answers
 * (never on the device) come from the server.
 */
export function recover(
  server: { version: number; answers: Answers },
  device: { baseVersion: number; answers: Answers; savedAt: string } | undefined,
  personal: Set<string>,
): Recovered {
  if (!device) return { answers: server.answers, fromDevice: false };
  const merged = { ...personalOnly(server.answers, personal), ...device.answers };
  if (device.baseVersion === server.version) return { answers: merged, fromDevice: true };

  return {
    answers: server.answers,
    fromDevice: false,
    olderCopy: { answers: merged, savedAt: device.savedAt },
  };
}

function personalOnly(answers: Answers, personal: Set<string>): Answers {
  return Object.fromEntries(Object.entries(answers).filter(([id]) => personal.has(id)));
}
