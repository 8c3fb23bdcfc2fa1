// The thread that makes the empty database a new PGlite store starts from (pglite-template.ts
// explains why): PostgreSQL's initdb run in memory, checkpointed, and dumped as a tar archive with
// PGlite's own dumpDataDir(), the form PGlite's loadDataDir option reads. The thread ends after
// posting it, and with it the ~800 MiB of WebAssembly memory that initdb grows to.
//
// Plain JavaScript, like pglite-worker.js and for the same reasons.
// Posts { op: 'made', tar } (an ArrayBuffer, transferred) or { op: 'failed', message }.
import { PGlite } from '@electric-sql/pglite';
import { parentPort } from 'node:worker_threads';

/** @type {import('node:worker_threads').MessagePort} */
const port = /** @type {any} */ (parentPort);

try {
  const pglite = await PGlite.create('memory://');
  // Everything initdb and the first start wrote is in the data files, so a store made from the
  // archive needs no recovery beyond the checkpoint.
  await pglite.exec('CHECKPOINT');
  const tar = await (await pglite.dumpDataDir('none')).arrayBuffer();
  await pglite.close();
  port.postMessage({ op: 'made', tar }, [tar]);
} catch (error) {
  port.postMessage({ op: 'failed', message: error instanceof Error ? error.message : String(error) });
}
