/**
 * `npm run bench`: every target of issue #18 in one run, on this machine; writes docs/benchmarks.md.
 * See bench/README.md.
 *
 *   --rounds 3 --duration 10 --warmup 5 --connections 50 --out docs/benchmarks.md
 *   --only workload1|workload2|embedded|audit       one part only
 *   --database-url postgres://…   workload 2 also on PostgreSQL, and the audit write path (fresh schemas, dropped afterwards)
 *   --replicas N                  workload 2 also through N gateway processes on that PostgreSQL (needs --database-url)
 *   --embedded-requests 10000     audited requests before the embedded default's second RSS reading
 *   --audit-seconds 10            per measurement of the audit write path
 */
import { execSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { measureAuditWritePath, type WritePathResult } from '../scripts/audit-write-path.ts';
import { measureEmbedded, type EmbeddedResult } from './embedded.ts';
import { DOELPOORT_NODE_ARGS, startChild } from './lib/child.ts';
import { auditWriteProbe, bothProbes } from './lib/audit-write-metric.ts';
import { chainContentionProbe, withApplicationName } from './lib/chain-contention.ts';
import type { Contender } from './lib/contender.ts';
import { measure, type Row } from './lib/measure.ts';
import { contentionTable, embeddedTable, latencyTable, targetsTable, throughputTable, writePathTable } from './lib/report.ts';
import { evaluateTargets, med } from './lib/targets.ts';
import { QUERY, expectedBody } from './workload1/query.ts';
import { replicasContender, replicasLabel } from './workload2/replicas.ts';
import { LABELS, scratchSchema, startWorkload2World, workload2Contenders } from './workload2/targets.ts';

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '5' },
    connections: { type: 'string', default: '50' },
    out: { type: 'string', default: 'docs/benchmarks.md' },
    only: { type: 'string' },
    'database-url': { type: 'string' },
    replicas: { type: 'string' },
    'embedded-requests': { type: 'string', default: '10000' },
    'audit-seconds': { type: 'string', default: '10' },
  },
});
const ROUNDS = Number(args.rounds);
const DURATION = Number(args.duration);
const WARMUP = Number(args.warmup);
const CONNECTIONS = Number(args.connections);
const REPLICAS = args.replicas === undefined ? 0 : Number(args.replicas);
const DATABASE_URL = args['database-url'];
const PARTS = ['workload1', 'workload2', 'embedded', 'audit'] as const;
if (args.only !== undefined && !(PARTS as readonly string[]).includes(args.only)) throw new Error(`--only takes one of ${PARTS.join(', ')}`);
if (REPLICAS !== 0 && !(Number.isInteger(REPLICAS) && REPLICAS >= 2 && DATABASE_URL)) throw new Error('--replicas takes a number of 2 or more, with --database-url (replicas share one PostgreSQL)');
const runs = (part: (typeof PARTS)[number]) => args.only === undefined || args.only === part;

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const options = { rounds: ROUNDS, durationSeconds: DURATION, log };
const W1_DOELPOORT = 'Doelpoort, policy + audit on';
/** The application_name of each PostgreSQL contender's sessions, for the chain-contention probe. */
const APP_SINGLE = 'doelpoort-bench-one';
const APP_REPLICAS = 'doelpoort-bench-replicas';

function versions(): string {
  const pkg = (path: string) => (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
  const root = new URL('..', import.meta.url).pathname;
  const bench = `${root}bench/node_modules/`;
  return [
    `Node ${process.version}`,
    `doelpoort ${pkg(`${root}package.json`)} (commit ${execSync('git rev-parse --short HEAD', { cwd: root }).toString().trim()})`,
    `@apollo/gateway ${pkg(`${bench}@apollo/gateway/package.json`)} with @apollo/server ${pkg(`${bench}@apollo/server/package.json`)}`,
    `@graphql-hive/gateway-runtime ${pkg(`${bench}@graphql-hive/gateway-runtime/package.json`)} with @graphql-mesh/transport-http ${pkg(`${bench}@graphql-mesh/transport-http/package.json`)}`,
    `@graphql-hive/router-runtime ${pkg(`${bench}@graphql-hive/router-runtime/package.json`)}`,
    `autocannon ${pkg(`${bench}autocannon/package.json`)}`,
  ].join('; ');
}

async function workload1(): Promise<Row[]> {
  const subgraphs = await startChild('subgraphs', 'bench/subgraphs/serve.ts', {});
  const env = { BENCH_SUBGRAPHS: JSON.stringify(subgraphs.info) };
  const body = JSON.stringify({ query: QUERY });
  const expected = expectedBody();
  const spec: [string, boolean, string, Record<string, string>][] = [
    [W1_DOELPOORT, false, 'bench/gateways/doelpoort.ts', { BENCH_MODE: 'policy' }],
    ['Doelpoort, policy + audit off', false, 'bench/gateways/doelpoort.ts', { BENCH_MODE: 'off' }],
    ['Apollo Gateway', true, 'bench/gateways/apollo.ts', {}],
    ['Hive Gateway', true, 'bench/gateways/hive.ts', {}],
    ['Hive Gateway, router runtime', true, 'bench/gateways/hive-router.ts', {}],
  ];
  const contenders: Contender[] = [];
  try {
    for (const [label, peer, script, extra] of spec) {
      const child = await startChild(label, script, { ...env, ...extra }, peer ? [] : DOELPOORT_NODE_ARGS);
      contenders.push({ label, peer, children: [child], target: { url: child.info['url'] as string, headers: (child.info['headers'] as Record<string, string>) ?? {}, body, expected } });
    }
    return await measure(contenders, { ...options, connections: CONNECTIONS, warmupSeconds: WARMUP });
  } finally {
    for (const c of contenders) for (const child of c.children) child.stop();
    subgraphs.stop();
  }
}

/** Workload 2 at full load (and through the replicas), then with one connection. */
async function workload2(): Promise<{ load: Row[]; oneConnection: Row[] }> {
  const world = await startWorkload2World();
  const schemas: { drop: () => Promise<void> }[] = [];
  const contenders: Contender[] = [];
  try {
    let postgres: string | undefined;
    if (DATABASE_URL) {
      const single = await scratchSchema(DATABASE_URL, 'bench_w2');
      schemas.push(single);
      postgres = withApplicationName(single.url, APP_SINGLE);
    }
    contenders.push(...(await workload2Contenders(world, postgres)));
    let replicas: Contender | undefined;
    if (REPLICAS > 0 && DATABASE_URL) {
      const shared = await scratchSchema(DATABASE_URL, 'bench_replicas');
      schemas.push(shared);
      replicas = await replicasContender(world, REPLICAS, withApplicationName(shared.url, APP_REPLICAS));
      contenders.push(replicas);
    }
    for (const [c, app] of [[contenders.find((x) => x.label === LABELS.postgres), APP_SINGLE], [replicas, APP_REPLICAS]] as const) {
      if (c && DATABASE_URL) c.probe = bothProbes(chainContentionProbe(DATABASE_URL, app), auditWriteProbe(c.children.map((child) => child.info['origin'] as string)));
    }
    const load = await measure(contenders, { ...options, connections: CONNECTIONS, warmupSeconds: WARMUP, partners: world.partners });
    const single = contenders.filter((c) => c !== replicas).map(({ probe: _, ...c }) => c);
    const oneConnection = await measure(single, { ...options, connections: 1, warmupSeconds: 0, partners: world.partners });
    return { load, oneConnection };
  } finally {
    for (const c of contenders) for (const child of c.children) child.stop();
    await world.stop();
    for (const schema of schemas) await schema.drop();
  }
}

const started = new Date();
const w1 = runs('workload1') ? await workload1() : [];
const w2 = runs('workload2') ? await workload2() : { load: [], oneConnection: [] };
const embedded: EmbeddedResult | undefined = runs('embedded') ? await measureEmbedded(Number(args['embedded-requests']), log) : undefined;
const writePath: WritePathResult[] =
  runs('audit') && DATABASE_URL ? await measureAuditWritePath({ databaseUrl: DATABASE_URL, concurrencies: [1, 4, 16], seconds: Number(args['audit-seconds']), recordsPerRequest: 6 }) : [];

const machine = `${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), ${execSync('free -h').toString().split('\n')[1]?.replace(/\s+/g, ' ').trim()}`;
const flags = Object.entries(args)
  .filter(([key]) => key !== 'out')
  .map(([key, value]) => `--${key} ${value}`)
  .join(' ');
const command = `npm run bench -- ${flags}`;
const verdicts = evaluateTargets({
  workload1: w1,
  workload1Doelpoort: W1_DOELPOORT,
  workload2: w2.load,
  workload2OneConnection: w2.oneConnection,
  labels: LABELS,
  ...(REPLICAS > 0 ? { replicas: replicasLabel(REPLICAS) } : {}),
  ...(embedded ? { embedded } : {}),
  writePath,
});
const section = (title: string, body: string, shown: boolean) => (shown ? `\n## ${title}\n\n${body}\n` : '');
const report = `# Benchmarks

Measured by \`bench/run.ts\` (see bench/README.md). Machine: ${machine}. Date: ${started.toISOString()}.
Command: \`${command}\`. Versions: ${versions()}.

Each gateway runs in its own child process; in workload 2 the 13 partners run in one process of
their own (as in production), the same for every gateway, and their CPU is counted apart from the
gateway's. autocannon keeps ${CONNECTIONS} connections busy for ${DURATION} s per round, ${ROUNDS} round${ROUNDS === 1 ? '' : 's'},
alternating gateways, after a ${WARMUP} s warm-up each; then workload 2 again with one connection
(what one analyst feels). Latencies and rps are medians over rounds; ratios are within this run.
Every response body is compared with the expected answer; a wrong answer counts as an error.
"Wrong answers?" says whether the very first answer already differed from the expected one.

## Targets (issue #18)

${targetsTable(verdicts)}
${section('Workload 1: the public gateway benchmark (4 subgraphs, deep nested query)', throughputTable(w1, w1.filter((r) => r.peer).sort((a, b) => med(b, 'rps') - med(a, 'rps'))[0]?.label), w1.length > 0)}${section(
  `Workload 2: the LSI combined view of scenario 1 (13 partners in their own process + project, real policy files), ${CONNECTIONS} connections`,
  throughputTable(w2.load, LABELS.off),
  w2.load.length > 0,
)}${section('Workload 2 with one connection: latency, policy + audit on against off', latencyTable(w2.oneConnection, LABELS.off), w2.oneConnection.length > 0)}${section(
  `The audit chain's contention on PostgreSQL${REPLICAS > 0 ? ` (one gateway, and ${REPLICAS} replicas on one database behind the load tool's round-robin)` : ''}`,
  `${contentionTable(w2.load)}\n\nSampled from pg_stat_activity every 5 ms during each round (bench/lib/chain-contention.ts): sessions waiting for the \`audit_head\` row's lock, which every audit transaction of every replica takes (gateway/audit/checkpoint.ts \`lockHead\`), and the share of samples with a session inside that transaction after the lock (COMMIT itself is not seen). The audit write time is the gateways' own histogram \`doelpoort_audit_write_duration_seconds\` (bench/lib/audit-write-metric.ts): from write() to commit, the writer's queue included.`,
  w2.load.some((r) => r.probes.length > 0),
)}${section(
  'The embedded default (`npm start`, PGlite)',
  embedded ? `${embeddedTable(embedded)}\n\nThe gateway process's RSS (VmRSS from /proc; the embedded PGlite runs in a worker thread of that process). The audited requests: an analyst reads two fields of a resident of scenario 1's address, 10 connections.` : '',
  embedded !== undefined,
)}${section(
  'The audit write path alone on PostgreSQL (`npm run bench:audit`)',
  `${writePathTable(writePath)}\n\nEach concurrent request writes 6 decision records and waits for the commit, ${args['audit-seconds']} s per measurement, each in a fresh schema (scripts/audit-write-path.ts).`,
  writePath.length > 0,
)}`;
writeFileSync(resolve(new URL('..', import.meta.url).pathname, args.out), `${report}\n${readFileSync(new URL('./findings.md', import.meta.url), 'utf8')}`);
log(`wrote ${args.out}`);
