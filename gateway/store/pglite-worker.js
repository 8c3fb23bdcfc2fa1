// The PGlite worker thread (started by pglite.ts, which explains why it exists): owns the embedded
// database and runs what the gateway's thread sends it.
//
// Plain JavaScript on purpose: it is started without a TypeScript loader (vitest's workers give a
// raw Worker none, and tsx would add ~150 ms to every start), so it imports only JavaScript.
//
// Messages in (each with an id that its answer carries back):
//   { op: 'query', sql, params, tx? }   a statement; with tx, inside that open transaction
//   { op: 'begin', tx }                 opens transaction tx (answers once BEGIN ran)
//   { op: 'end', tx, commit }           commits (commit: true) or rolls back transaction tx
//   { op: 'close' }                     closes PGlite (after everything sent before it)
// Answers: { id, rows } | { id } | { id, error: { name, message, fields } }.
// First of all the thread posts { op: 'ready' } or { op: 'failed', error }.
//
// workerData: { location, template? }: the data directory (a path, or memory://) and, for a new
// store, the tar archive of an empty database to load into it.
//
// Order: everything outside a transaction (queries, begin, close) passes one gate in arrival
// order, and a transaction holds the gate from BEGIN until it ends, so that outside work waits
// for a running transaction exactly as PGlite's own query() and transaction() do (PGlite's own
// transaction() runs the transaction, with its COMMIT and ROLLBACK rules).
import { PGlite } from '@electric-sql/pglite';
import { parentPort, workerData } from 'node:worker_threads';
import { INT8_OID, parseInt8 } from './int8.js';

/** Rejects `ended` of a transaction the caller rolls back; never reaches the caller. */
const ROLLBACK = Symbol('rollback');

/** @type {import('node:worker_threads').MessagePort} */
const port = /** @type {any} */ (parentPort);

/** Open transactions by id: their PGlite handle and how to end them. */
const transactions = new Map();

/** The tail of the work outside transactions; each piece starts when the one before it is done. */
let gate = Promise.resolve();

/** @param {() => Promise<unknown>} work */
function throughGate(work) {
  const done = gate.then(work);
  gate = done.then(
    () => undefined,
    () => undefined,
  );
  return done;
}

/**
 * PostgreSQL's shared buffers: 32 MB instead of PGlite's 128 MB, which PostgreSQL touches whole
 * at start (~110 MB more resident memory for the thread, measured). The store's pages are in the
 * operating system's file cache as well, and the database of the embedded default is small.
 */
const SHARED_BUFFERS = '32MB';

let pglite;
try {
  pglite = await PGlite.create(workerData.location, {
    parsers: { [INT8_OID]: parseInt8 },
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${SHARED_BUFFERS}`],
    // A new store: the empty database (pglite-template.ts), instead of initdb in this thread.
    ...(workerData.template ? { loadDataDir: new Blob([workerData.template]) } : {}),
  });
} catch (error) {
  port.postMessage({ op: 'failed', error: serialiseError(error) });
  port.close();
}

if (pglite) {
  port.on('message', handle);
  port.postMessage({ op: 'ready' });
}

function handle(message) {
  const { id } = message;
  const answer = (result) => port.postMessage({ id, ...result });
  const fail = (error) => answer({ error: serialiseError(error) });
  switch (message.op) {
    case 'query': {
      const run = (db) => db.query(message.sql, message.params).then((result) => answer({ rows: result.rows }), fail);
      if (message.tx === undefined) {
        void throughGate(() => run(pglite));
      } else {
        const open = transactions.get(message.tx);
        if (open) void run(open.tx);
        else fail(new Error(`no open transaction ${message.tx}`));
      }
      return;
    }
    case 'begin':
      void throughGate(() => begin(message.tx, answer, fail));
      return;
    case 'end': {
      const open = transactions.get(message.tx);
      if (!open) return fail(new Error(`no open transaction ${message.tx}`));
      transactions.delete(message.tx);
      open.end(message.commit, answer, fail);
      return;
    }
    case 'close':
      void throughGate(() => pglite.close().then(() => answer({}), fail));
      return;
    default:
      fail(new Error(`unknown message ${String(message.op)}`));
  }
}

/** Runs PGlite's transaction() until the caller ends it; resolves (opening the gate) when it has ended. */
function begin(txId, answerBegin, failBegin) {
  let began = false;
  let finish;
  const ended = new Promise((resolve, reject) => (finish = { resolve, reject }));
  let answerEnd;
  let failEnd;
  return pglite
    .transaction(async (tx) => {
      began = true;
      transactions.set(txId, {
        tx,
        end(commit, answer, fail) {
          answerEnd = answer;
          failEnd = fail;
          if (commit) finish.resolve();
          else finish.reject(ROLLBACK);
        },
      });
      answerBegin({});
      await ended;
    })
    .then(
      () => answerEnd({}),
      (error) => {
        transactions.delete(txId);
        if (!began) failBegin(error);
        else if (error === ROLLBACK) answerEnd({});
        else failEnd(error);
      },
    );
}

/**
 * An error as data that survives postMessage: name, message and every own field that can be
 * copied (a PostgreSQL error's code, detail, constraint, severity, ... and the query).
 */
function serialiseError(error) {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), fields: {} };
  const fields = {};
  for (const [key, value] of Object.entries(error)) {
    if (key === 'name' || key === 'message' || key === 'stack') continue;
    try {
      fields[key] = structuredClone(value);
    } catch {
      // Not copyable (a function, say): left out.
    }
  }
  return { name: error.name, message: error.message, fields };
}
