/**
 * The empty database every new PGlite store starts from.
 *
 * A new PostgreSQL data directory is made by initdb, which in PGlite takes seconds and grows the
 * WebAssembly memory of the thread it runs in to ~800 MiB. PGlite itself makes a new on-disk store
 * by running initdb in memory, dumping the result as a tar archive and loading that into the data
 * folder. The archive is the same for every store of one PGlite version, so it is made once (in a
 * thread of its own that then ends, pglite-template-worker.js) and kept in
 * `node_modules/.cache/doelpoort/`, beside the PGlite it was made with, trusted as that code is.
 * Every new store, on disk or in memory, is then loaded from it with PGlite's `loadDataDir`
 * (about a second) and migrated as before.
 *
 * On a read-only installation (the container image) the archive cannot be kept: it is made
 * again for each new store, as initdb was before.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';

const TEMPLATE_WORKER_URL = new URL('./pglite-template-worker.js', import.meta.url);

/** Errors of a cache that cannot be written; the archive is then made for each new store. */
const READ_ONLY = new Set(['EACCES', 'EPERM', 'EROFS']);

/** The tar archive of an empty PGlite data directory, from the cache or made (and kept) now. */
export async function emptyDatabase(): Promise<ArrayBuffer> {
  const file = await templateFile();
  try {
    const kept = await readFile(file);
    // A file this large is read into a buffer of its own, which can then be handed over whole.
    const whole = kept.byteOffset === 0 && kept.byteLength === kept.buffer.byteLength;
    return whole ? (kept.buffer as ArrayBuffer) : kept.buffer.slice(kept.byteOffset, kept.byteOffset + kept.byteLength);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const tar = await makeInThread();
  await keep(file, new Uint8Array(tar));
  return tar;
}

/** `node_modules/.cache/doelpoort/pglite-<version>.tar`, beside the installed PGlite. */
async function templateFile(): Promise<string> {
  // PGlite's main entry is <package>/dist/index.cjs.
  const packageDir = join(dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite')), '..');
  const { version } = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8')) as { version: string };
  return join(packageDir, '..', '..', '.cache', 'doelpoort', `pglite-${version}.tar`);
}

/** Writes the archive whole or not at all (starts running at once see either none or all of it). */
async function keep(file: string, tar: Uint8Array): Promise<void> {
  const partial = `${file}.${randomUUID()}.partial`;
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(partial, tar);
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    if (!READ_ONLY.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
  }
}

function makeInThread(): Promise<ArrayBuffer> {
  const worker = new Worker(TEMPLATE_WORKER_URL, { execArgv: [] });
  return new Promise<ArrayBuffer>((resolve, reject) => {
    worker.on('message', (message: { op: 'made'; tar: ArrayBuffer } | { op: 'failed'; message: string }) => {
      if (message.op === 'made') resolve(message.tar);
      else reject(new Error(`PGlite store unavailable: its empty database could not be made: ${message.message}`));
    });
    worker.on('error', (error: Error) => reject(new Error(`PGlite store unavailable: its empty database could not be made: ${error.message}`, { cause: error })));
    worker.on('exit', (code) => reject(new Error(`PGlite store unavailable: its empty database could not be made (thread exited, code ${code})`)));
  }).finally(() => void worker.terminate());
}
