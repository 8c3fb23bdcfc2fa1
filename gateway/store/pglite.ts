/**
 * Embedded PostgreSQL (PGlite) in a worker thread: `<dataDir>/pglite` on disk, or in memory for
 * 'memory'.
 *
 * Why a thread: PGlite is PostgreSQL compiled to WebAssembly and runs synchronously in the thread
 * that calls it. In the gateway's own thread an INSERT of a combined view's ~170 audit records
 * blocks every other request for ~20 ms; in a worker thread it runs on another core while the
 * gateway goes on serving. (On PostgreSQL the server does this work; nothing changes there.)
 *
 * The thread (pglite-worker.js) owns the PGlite instance and runs the statements this module
 * sends it; the Db contract stays that of db.ts:
 * - a transaction is PGlite's own transaction() in the thread; while it runs, queries outside it
 *   wait (in arrival order, as in PGlite); a nested transaction() joins the outer one; a rejected
 *   fn rolls back and rejects with its own error; an error at COMMIT rejects the transaction.
 * - a query error arrives as an Error with the same name and message and PostgreSQL's fields
 *   (code, detail, constraint, severity, table, ...), copied from the thread.
 * - if the thread fails to start or dies, every pending and later query rejects with
 *   "PGlite store unavailable: ..." (fail closed: the audit writer's transaction rejects).
 * - close() closes PGlite in the thread and ends the thread; later calls reject with
 *   "PGlite store is closed".
 * - the thread holds the process open only while it has work to answer (like PGlite in-thread,
 *   an idle open store does not keep the process alive).
 *
 * The thread's code is plain JavaScript (pglite-worker.js, with int8.js shared with db.ts) and
 * starts with no Node options (`execArgv: []`): it then loads the same way under `npm start`
 * (tsx), `node --import tsx` (the bench) and vitest, whose test workers give a raw Worker no
 * TypeScript loader; and it does not pay for tsx in the thread (a TypeScript entry with
 * `--import tsx` costs ~150 ms more per start, and on Node 20 such a worker did not even load its
 * .ts entry: ERR_UNKNOWN_FILE_EXTENSION). A thread with no code of its own starts in ~50 ms,
 * small next to PGlite's own start-up (seconds for a fresh database).
 */
import { access, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { JsonbBytes, type Db } from './db.ts';
import { emptyDatabase } from './pglite-template.ts';

const WORKER_URL = new URL('./pglite-worker.js', import.meta.url);

interface SerialisedError {
  name: string;
  message: string;
  fields: Record<string, unknown>;
}

interface Answer {
  id: number;
  rows?: unknown[];
  error?: SerialisedError;
}

interface Pending {
  resolve: (answer: Answer) => void;
  reject: (error: Error) => void;
}

type Request =
  | { op: 'query'; sql: string; params: unknown[]; tx?: number }
  | { op: 'begin'; tx: number }
  | { op: 'end'; tx: number; commit: boolean }
  | { op: 'close' };

export interface PgliteOptions {
  /** The thread's entry module; tests replace it to see a thread that dies or fails to start. */
  workerUrl?: URL;
}

export async function openPglite(dataDir: string | 'memory', options: PgliteOptions = {}): Promise<Db> {
  // A new database starts from the empty one (pglite-template.ts), not from initdb in the store's
  // thread, which would grow its WebAssembly memory to ~800 MiB that a thread never gives back.
  if (dataDir === 'memory') return openThread('memory://', { ...options, template: await emptyDatabase() });
  const location = join(dataDir, 'pglite');
  await mkdir(location, { recursive: true });
  if (!(await isDatabase(location))) {
    // Loading the empty database still leaves the thread ~100 MiB larger than it needs to be; so
    // it is loaded in a thread of its own, which ends once it is closed, and the store then opens
    // it in a fresh thread (as on every later start).
    await (await openThread(location, { ...options, template: await emptyDatabase() })).close();
  }
  return openThread(location, options);
}

/** Whether location holds a PostgreSQL data directory already (initdb writes PG_VERSION). */
async function isDatabase(location: string): Promise<boolean> {
  try {
    await access(join(location, 'PG_VERSION'));
    return true;
  } catch {
    return false;
  }
}

async function openThread(location: string, options: PgliteOptions & { template?: ArrayBuffer }): Promise<Db> {
  const { template } = options;
  const worker = new Worker(options.workerUrl ?? WORKER_URL, {
    workerData: { location, ...(template ? { template } : {}) },
    transferList: template ? [template] : [],
    execArgv: [],
  });
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let nextTx = 0;
  /** Set once the store can no longer answer: every later call rejects with it. */
  let unavailable: Error | undefined;
  let closing = false;

  /** Rejects everything pending and everything later with `error` (the first reason wins). */
  function fail(error: Error): void {
    unavailable ??= error;
    for (const p of pending.values()) p.reject(unavailable);
    pending.clear();
    worker.unref();
  }

  const started = new Promise<void>((resolve, reject) => {
    worker.on('message', (message: { op?: string; error?: SerialisedError } & Partial<Answer>) => {
      if (message.op === 'ready') return resolve();
      if (message.op === 'failed') {
        const cause = toError(message.error!);
        fail(new Error(`PGlite store unavailable: it failed to start: ${cause.message}`, { cause }));
        return reject(unavailable);
      }
      const p = pending.get(message.id!);
      if (!p) return;
      pending.delete(message.id!);
      if (pending.size === 0) worker.unref();
      p.resolve(message as Answer);
    });
    worker.on('error', (error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      fail(new Error(`PGlite store unavailable: its thread failed: ${reason}`, { cause: error }));
      reject(unavailable);
    });
    worker.on('exit', (code) => {
      fail(new Error(closing ? 'PGlite store is closed' : `PGlite store unavailable: its thread exited (code ${code})`));
      reject(unavailable);
    });
  });
  try {
    await started;
  } catch (error) {
    await worker.terminate();
    throw error;
  }
  worker.unref();

  function send(request: Request): Promise<Answer> {
    if (unavailable) return Promise.reject(unavailable);
    const id = nextId++;
    return new Promise<Answer>((resolve, reject) => {
      try {
        worker.postMessage({ id, ...request });
      } catch (error) {
        // A parameter that cannot be copied to the thread (a function, say).
        reject(error as Error);
        return;
      }
      if (pending.size === 0) worker.ref();
      pending.set(id, { resolve, reject });
    });
  }

  async function call(request: Request): Promise<Answer> {
    const answer = await send(request);
    if (answer.error) throw toError(answer.error);
    return answer;
  }

  /** PGlite takes parameters as text: JsonbBytes goes as its JSON text. */
  const asText = (value: unknown): unknown => (value instanceof JsonbBytes ? Buffer.concat(value.pieces).toString('utf8') : value);

  async function query<T>(sql: string, params: readonly unknown[], tx?: number): Promise<{ rows: T[] }> {
    const answer = await call({ op: 'query', sql, params: params.map(asText), ...(tx === undefined ? {} : { tx }) });
    return { rows: answer.rows as T[] };
  }

  return {
    query: (sql, params = []) => (closing && !unavailable ? Promise.reject(new Error('PGlite store is closed')) : query(sql, params)),
    async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      if (closing && !unavailable) throw new Error('PGlite store is closed');
      const tx = nextTx++;
      await call({ op: 'begin', tx });
      let ended = false;
      const txDb: Db = {
        query: (sql, params = []) => (ended ? Promise.reject(new Error('Transaction is closed')) : query(sql, params, tx)),
        transaction: (inner) => inner(txDb),
        async close() {
          throw new Error('close the store, not a transaction');
        },
      };
      let result: T;
      try {
        result = await fn(txDb);
      } catch (error) {
        ended = true;
        await call({ op: 'end', tx, commit: false });
        throw error;
      }
      ended = true;
      await call({ op: 'end', tx, commit: true });
      return result;
    },
    async close() {
      if (closing) throw new Error('PGlite store is closed');
      closing = true;
      if (unavailable) {
        // The thread is gone already: nothing left to close.
        await worker.terminate();
        return;
      }
      try {
        await call({ op: 'close' });
      } finally {
        // PGlite is closed (its files synced) once the thread answered; tearing down the thread's
        // isolate and WebAssembly memory takes ~60 ms more, which no caller needs to wait for.
        void worker.terminate().catch(() => undefined);
      }
    },
  };
}

/** The thread's error as an Error of this thread: same name, message and fields; this thread's stack. */
function toError(serialised: SerialisedError): Error {
  const error = new Error(serialised.message);
  if (serialised.name !== 'Error') error.name = serialised.name;
  return Object.assign(error, serialised.fields);
}
