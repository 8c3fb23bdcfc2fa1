/**
 * The embedded default as a person starts it: `npm start` (scripts/start.ts) in a new data folder,
 * timed until `GET /health/ready` answers 200; the gateway process's RSS then, and after N audited
 * requests (an analyst reads two fields of a resident of scenario 1's address after the
 * coordinator selected it: each request writes its decision records and a processing record);
 * then a restart on the same folder, timed the same way. Only the daily person limit is raised
 * (a configuration setting), so that N requests of one analyst are not refused by design.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ensureLocalIssuer } from '../gateway/identity/local-issuer.ts';
import { loadRound } from './lib/load.ts';
import { PROJECT, PURPOSE, SELECT } from './workload2/query.ts';

const PERSON_QUERY = '{ persoon(bsn: "999990007") { naam { geslachtsnaam } geboortedatum } }';
const PERSON_ANSWER = { data: { persoon: { naam: { geslachtsnaam: 'Verhoeven' }, geboortedatum: '1994-05-12' } } };

export interface EmbeddedResult {
  /** From spawning `npm start` to the first 200 of /health/ready, new data folder (the database is made). */
  firstStartMs: number;
  rssAtReadyMiB: number;
  requests: number;
  requestErrors: number;
  rssAfterRequestsMiB: number;
  peakRssMiB: number;
  /** The same on the existing folder. */
  restartMs: number;
  rssAtRestartReadyMiB: number;
}

function rssMiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const kb = Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
  return Math.round(kb / 1024);
}

/** A port with the 13 after it free just now (the embedded partners listen on port + 1 …). */
async function freePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 30_000);
    const free = await Promise.all(Array.from({ length: 15 }, (_, i) => new Promise<boolean>((resolve) => {
      const server = createServer().once('error', () => resolve(false));
      server.listen(port + i, '127.0.0.1', () => server.close(() => resolve(true)));
    })));
    if (free.every(Boolean)) return port;
  }
}

interface Started {
  npm: ChildProcess;
  gatewayPid: number;
  readyMs: number;
  stop(): Promise<void>;
}

async function npmStart(dataDir: string, port: number): Promise<Started> {
  const env: Record<string, string | undefined> = { ...process.env, DOELPOORT_DATA_DIR: dataDir, DOELPOORT_PORT: String(port), DOELPOORT_LIMITS_MAX_PERSONS_PER_USER_PER_DAY: '100000000' };
  delete env['DATABASE_URL'];
  delete env['NODE_ENV'];
  const spawnedAt = performance.now();
  // A process group of its own: stopping it signals npm and the gateway at once, as a terminal's Ctrl-C does.
  const npm = spawn('npm', ['start', '--silent'], { cwd: new URL('..', import.meta.url).pathname, env, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
  const signalGroup = (signal: NodeJS.Signals) => process.kill(-npm.pid!, signal);
  const exited = new Promise<void>((resolve) => npm.once('exit', () => resolve()));
  const pid = new Promise<number>((resolve, reject) => {
    npm.once('exit', (code) => reject(new Error(`npm start exited with ${code} before it was ready`)));
    createInterface({ input: npm.stdout! }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      const event = JSON.parse(line) as { event?: string; pid?: number };
      if (event.event === 'gateway.started' && event.pid) resolve(event.pid);
    });
  });
  try {
    const deadline = spawnedAt + 600_000;
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}/health/ready`).then((r) => r.status === 200, () => false);
      if (ok) break;
      if (performance.now() > deadline) throw new Error('npm start was not ready within 10 minutes');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const readyMs = performance.now() - spawnedAt;
    return {
      npm,
      gatewayPid: await pid,
      readyMs,
      async stop() {
        signalGroup('SIGTERM');
        await exited;
      },
    };
  } catch (error) {
    signalGroup('SIGKILL');
    throw error;
  }
}

export async function measureEmbedded(requests: number, log: (line: string) => void): Promise<EmbeddedResult> {
  const dataDir = await mkdtemp(join(tmpdir(), 'doelpoort-bench-start-'));
  try {
    const port = await freePort();
    const first = await npmStart(dataDir, port);
    let result: Omit<EmbeddedResult, 'restartMs' | 'rssAtRestartReadyMiB'>;
    try {
      const rssAtReadyMiB = rssMiB(first.gatewayPid, 'VmRSS');
      log(`npm start: ready after ${(first.readyMs / 1000).toFixed(1)} s, RSS ${rssAtReadyMiB} MiB`);
      const issuer = await ensureLocalIssuer(dataDir);
      const url = `http://127.0.0.1:${port}/graphql`;
      const headersFor = (token: string) => ({ authorization: `Bearer ${token}`, 'x-doelpoort-project': PROJECT, 'x-doelpoort-purpose': PURPOSE });
      const coordinator = await issuer.sign({ id: 'bench-coordinator-1', organisation: 'sociale-dienst', roles: ['coordinator'], projects: [PROJECT] }, 3600);
      const selected = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headersFor(coordinator) }, body: JSON.stringify({ query: SELECT }) });
      if (selected.status !== 200) throw new Error(`selecteerAdres answered ${selected.status}`);
      const analist = await issuer.sign({ id: 'bench-analist-1', organisation: 'belastingdienst', roles: ['analist'], projects: [PROJECT] }, 3600);
      const round = await loadRound({ url, headers: headersFor(analist), body: JSON.stringify({ query: PERSON_QUERY }), expected: PERSON_ANSWER }, 10, 0, requests);
      result = { firstStartMs: first.readyMs, rssAtReadyMiB, requests: round.requests, requestErrors: round.errors, rssAfterRequestsMiB: rssMiB(first.gatewayPid, 'VmRSS'), peakRssMiB: rssMiB(first.gatewayPid, 'VmHWM') };
      log(`${round.requests} audited requests (${round.errors} errors, ${round.rps.toFixed(0)} rps): RSS ${result.rssAfterRequestsMiB} MiB, peak ${result.peakRssMiB} MiB`);
    } finally {
      await first.stop();
    }
    const again = await npmStart(dataDir, port);
    try {
      const rssAtRestartReadyMiB = rssMiB(again.gatewayPid, 'VmRSS');
      log(`npm start again: ready after ${(again.readyMs / 1000).toFixed(1)} s, RSS ${rssAtRestartReadyMiB} MiB`);
      return { ...result, restartMs: again.readyMs, rssAtRestartReadyMiB };
    } finally {
      await again.stop();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
