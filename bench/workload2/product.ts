/**
 * Child process: the whole product (`startDoelpoort`: the real policy files, the PGlite audit
 * store, the local issuer) over the 13 partners of bench/workload2/partners.ts, which run in their
 * own process (BENCH_PARTNERS), as in production. The data folder (BENCH_DATA_DIR) holds the keys
 * that every gateway of the run shares. The coordinator selects scenario 1's address first (unless
 * BENCH_SELECT=skip: another replica did); the load then runs as an analyst.
 * The daily person limit is raised (a configuration setting) so that thousands of repeated
 * requests are not refused by design. With BENCH_DATABASE_URL set, the store is that PostgreSQL
 * database (set explicitly, so a DATABASE_URL of the shell never switches the store unnoticed).
 */
import { resolve } from 'node:path';
import { loadConfig } from '../../gateway/config/index.ts';
import { startDoelpoort } from '../../gateway/main.ts';
import { createAllSubgraphs } from '../../subgraphs/index.ts';
import { defaultWorld } from '../../subgraphs/world/index.ts';
import { partnerUrls } from '../lib/partners.ts';
import { ready } from '../lib/supergraph.ts';
import { PROJECT, PURPOSE, SELECT } from './query.ts';

const dataDir = process.env['BENCH_DATA_DIR'];
if (!dataDir) throw new Error('BENCH_DATA_DIR is not set');
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
const world = defaultWorld();
const urls = partnerUrls();
const partners = createAllSubgraphs(world).map((s) => ({ name: s.name, url: urls[s.name]!, sdl: s.sdl }));
// The embedded default's start path (local issuer, the world's signals), with partners served elsewhere.
const embedded = () => ({ serve: async () => ({ subgraphs: partners, close: async () => {} }), signals: world });
const doelpoort = await startDoelpoort(config, { logStream: { write: () => true }, embedded });
const issuer = doelpoort.localIssuer!;
const headersFor = (token: string) => ({ authorization: `Bearer ${token}`, 'x-doelpoort-project': PROJECT, 'x-doelpoort-purpose': PURPOSE });
if (process.env['BENCH_SELECT'] !== 'skip') {
  const coordinator = await issuer.sign({ id: 'bench-coordinator-1', organisation: 'sociale-dienst', roles: ['coordinator'], projects: [PROJECT] }, 24 * 3600);
  const selected = await fetch(doelpoort.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headersFor(coordinator) }, body: JSON.stringify({ query: SELECT }) });
  const answer = (await selected.json()) as { data?: { selecteerAdres?: { id: string } }; errors?: unknown };
  if (!answer.data?.selecteerAdres?.id) throw new Error(`selecteerAdres failed: ${JSON.stringify(answer.errors)}`);
}
const analist = await issuer.sign({ id: 'bench-analist-1', organisation: 'belastingdienst', roles: ['analist'], projects: [PROJECT] }, 24 * 3600);
ready({ url: doelpoort.url, origin: doelpoort.url.replace(/\/graphql$/, ''), headers: headersFor(analist) });
// Exit on SIGTERM so that `--cpu-prof` can write its profile.
process.on('SIGTERM', () => process.exit(0));
