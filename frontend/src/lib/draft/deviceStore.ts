import type { Answers, Definition } from '../instrument/types';

/**
 * A draft kept on this device while sendqa cannot be reached. It holds
 * no answer about the child: those stay in memory only, and are lost if
 * the page closes before they are sent.
 */
export interface DeviceDraft {
  responseId: string;
  /** The server version the answers were made on. */
  baseVersion: number;
  answers: Answers;
  savedAt: string;
}

export interface DraftStore {
  get(responseId: string): Promise<DeviceDraft | undefined>;
  put(draft: DeviceDraft): Promise<void>;
  remove(responseId: string): Promise<void>;
}

/** The ids of the questions whose answers are personal data. */
export function personalItems(def: Definition): Set<string> {
  return new Set(
    def.sections.flatMap((section) =>
      section.items.filter((item) => item.kind === 'personal').map((item) => item.id),
    ),
  );
}

/** The answers that may be kept on a device: everything but personal data. */
export function storableAnswers(answers: Answers, personal: Set<string>): Answers {
  return Object.fromEntries(Object.entries(answers).filter(([id]) => !personal.has(id)));
}

const dbName = 'sendqa-drafts';
const storeName = 'drafts';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(dbName, 1);
    request.onupgradeneeded = () =>
      request.result.createObjectStore(storeName, { keyPath: 'responseId' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function run<T>(mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest<T>) {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const request = act(db.transaction(storeName, mode).objectStore(storeName));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  } finally {
    db.close();
  }
}

/**
 * Drafts in IndexedDB, which outlives a closed tab or a restarted
 * browser; a browser without it keeps drafts in memory.
 */
export const deviceStore: DraftStore =
  typeof indexedDB === 'undefined'
    ? memoryStore()
    : {
        get: (id) => run<DeviceDraft | undefined>('readonly', (s) => s.get(id)),
        put: (draft) => run('readwrite', (s) => s.put(draft)).then(() => undefined),
        remove: (id) => run('readwrite', (s) => s.delete(id)).then(() => undefined),
      };

export function memoryStore(): DraftStore {
  const drafts = new Map<string, DeviceDraft>();

  return {
    get: async (id) => drafts.get(id),
    put: async (draft) => void drafts.set(draft.responseId, draft),
    remove: async (id) => void drafts.delete(id),
  };
}
