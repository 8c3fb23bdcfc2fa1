/**
 * Child process: the whole product (`startDoelpoort`: 13 partner subgraphs in process, the real
 * policy files, the PGlite audit store, the local issuer) in a temporary data folder. The
 * coordinator selects scenario 1's address first; the load then runs as an analyst.
 * The daily person limit is raised (a configuration setting) so that thousands of repeated
 * requests are not refused by design. With BENCH_DATABASE_URL set, the store is that PostgreSQL
 * database (set explicitly, so a DATABASE_URL of the shell never switches the store unnoticed).
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '../../gateway/config/index.ts';
import { startDoelpoort } from '../../gateway/main.ts';
import { embeddedDefault } from '../../scripts/embedded-default.ts';
import { ready } from '../lib/supergraph.ts';
import { PROJECT, PURPOSE, SELECT } from './query.ts';

const dataDir = await mkdtemp(join(tmpdir(), 'doelpoort-bench-w2-'));
const config = loadConfig({
  env: {
    DOELPOORT_DATA_DIR: dataDir,
    DOELPOORT_PORT: '0',
    DOELPOORT_POLICY_DIR: resolve('policies'),
    DOELPOORT_LIMITS_MAX_PERSONS_PER_USER_PER_DAY: '100000000',
    DOELPOORT_LIMITS_MAX_COST: '1000000',
    ...(process.env['BENCH_DATABASE_URL'] ? { DATABASE_URL: process.env['BENCH_DATABASE_URL'] } : {}),
  },
});
const doelpoort = await startDoelpoort(config, { logStream: { write: () => true }, embedded: embeddedDefault });
const issuer = doelpoort.localIssuer!;
const headersFor = (token: string) => ({ authorization: `Bearer ${token}`, 'x-doelpoort-project': PROJECT, 'x-doelpoort-purpose': PURPOSE });
const coordinator = await issuer.sign({ id: 'bench-coordinator-1', organisation: 'sociale-dienst', roles: ['coordinator'], projects: [PROJECT] }, 24 * 3600);
const selected = await fetch(doelpoort.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headersFor(coordinator) }, body: JSON.stringify({ query: SELECT }) });
const answer = (await selected.json()) as { data?: { selecteerAdres?: { id: string } }; errors?: unknown };
if (!answer.data?.selecteerAdres?.id) throw new Error(`selecteerAdres failed: ${JSON.stringify(answer.errors)}`);
const analist = await issuer.sign({ id: 'bench-analist-1', organisation: 'belastingdienst', roles: ['analist'], projects: [PROJECT] }, 24 * 3600);
ready({ url: doelpoort.url, headers: headersFor(analist) });
// Exit on SIGTERM so that `--cpu-prof` can write its profile.
process.on('SIGTERM', () => process.exit(0));
