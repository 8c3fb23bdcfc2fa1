/**
 * `npm run bench`: Doelpoort side by side with Apollo Gateway and Hive Gateway, on this machine,
 * in one go; writes docs/benchmarks.md. See bench/README.md.
 *
 *   --rounds 3 --duration 10 --warmup 5 --connections 50 --out docs/benchmarks.md
 *   --only workload1|workload2
 *   --database-url postgres://…   workload 2 also on PostgreSQL (a fresh schema, dropped afterwards)
 */
import { execSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { cpuMs, peakRssMiB, startChild } from './lib/child.ts';
import type { Contender } from './lib/contender.ts';
import { bodyChecker, loadRound, median, type RoundResult, type Target } from './lib/load.ts';
import { QUERY, expectedBody } from './workload1/query.ts';
import { dropWorkload2Schema, workload2Targets } from './workload2/targets.ts';

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '5' },
    connections: { type: 'string', default: '50' },
    out: { type: 'string', default: 'docs/benchmarks.md' },
    only: { type: 'string' },
    'database-url': { type: 'string' },
  },
});
const ROUNDS = Number(args.rounds);
const DURATION = Number(args.duration);
const WARMUP = Number(args.warmup);
const CONNECTIONS = Number(args.connections);

interface Row {
  label: string;
  peer: boolean;
  correctFirst: boolean;
  rounds: RoundResult[];
  rssMiB: number;
  /** The gateway process's CPU time per answered request, per round. */
  cpuPerRequest: number[];
}

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

async function firstAnswerIsCorrect(target: Target): Promise<boolean> {
  const response = await fetch(target.url, { method: 'POST', headers: { 'content-type': 'application/json', ...target.headers }, body: target.body });
  return response.status === 200 && bodyChecker(target.expected)(await response.text());
}

async function measure(contenders: Contender[]): Promise<Row[]> {
  const rows = new Map<string, Row>();
  for (const c of contenders) {
    const correctFirst = await firstAnswerIsCorrect(c.target);
    log(`${c.label}: first answer ${correctFirst ? 'correct' : 'WRONG'}; warming up ${WARMUP} s`);
    await loadRound(c.target, CONNECTIONS, WARMUP);
    rows.set(c.label, { label: c.label, peer: c.peer, correctFirst, rounds: [], rssMiB: 0, cpuPerRequest: [] });
  }
  for (let round = 0; round < ROUNDS; round += 1) {
    // Alternate: each round starts with the next contender.
    const order = contenders.map((_, i) => contenders[(i + round) % contenders.length]!);
    for (const c of order) {
      const before = cpuMs(c.child.process.pid!);
      const result = await loadRound(c.target, CONNECTIONS, DURATION);
      const cpu = (cpuMs(c.child.process.pid!) - before) / Math.max(1, result.requests);
      log(`round ${round + 1} ${c.label}: ${result.rps.toFixed(1)} rps, p50 ${result.p50} ms, p99 ${result.p99} ms, errors ${result.errors}${result.errorKinds ? ` ${JSON.stringify(result.errorKinds)}` : ''}, ${cpu.toFixed(1)} CPU ms/request`);
      rows.get(c.label)!.rounds.push(result);
      rows.get(c.label)!.cpuPerRequest.push(cpu);
    }
  }
  for (const c of contenders) rows.get(c.label)!.rssMiB = peakRssMiB(c.child.process.pid!);
  return [...rows.values()];
}

const med = (row: Row, key: 'rps' | 'p50' | 'p95' | 'p99') => median(row.rounds.map((r) => r[key]));
const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '-');

function table(rows: Row[], against: 'peer' | string): string {
  const base = against === 'peer' ? rows.filter((r) => r.peer).sort((a, b) => med(b, 'rps') - med(a, 'rps'))[0] : rows.find((r) => r.label === against);
  const lines = [
    `| gateway | rps (median) | × ${base?.label ?? '-'} | p50 ms | p95 ms | p99 ms | gateway CPU ms per request | errors (all rounds) | wrong answers? | peak RSS MiB | rps per round |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---|',
  ];
  for (const r of rows) {
    const errors = r.rounds.reduce((sum, x) => sum + x.errors, 0);
    const total = r.rounds.reduce((sum, x) => sum + x.requests, 0);
    lines.push(
      `| ${r.label} | ${fmt(med(r, 'rps'), 1)} | ${base ? fmt(med(r, 'rps') / med(base, 'rps'), 2) : '-'} | ${fmt(med(r, 'p50'))} | ${fmt(med(r, 'p95'))} | ${fmt(med(r, 'p99'))} | ${fmt(median(r.cpuPerRequest), 1)} | ${errors} of ${total} | ${r.correctFirst ? 'no' : '**yes**'} | ${r.rssMiB} | ${r.rounds.map((x) => fmt(x.rps)).join(' / ')} |`,
    );
  }
  return lines.join('\n');
}

function versions(): string {
  const pkg = (path: string) => (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
  const root = new URL('..', import.meta.url).pathname;
  const bench = `${root}bench/node_modules/`;
  return [
    `Node ${process.version}`,
    `doelpoort ${pkg(`${root}package.json`)} (commit ${execSync('git rev-parse --short HEAD', { cwd: root }).toString().trim()})`,
    `@apollo/gateway ${pkg(`${bench}@apollo/gateway/package.json`)} with @apollo/server ${pkg(`${bench}@apollo/server/package.json`)}`,
    `@graphql-hive/gateway-runtime ${pkg(`${bench}@graphql-hive/gateway-runtime/package.json`)} with @graphql-mesh/transport-http ${pkg(`${bench}@graphql-mesh/transport-http/package.json`)}`,
    `autocannon ${pkg(`${bench}autocannon/package.json`)}`,
  ].join('; ');
}

async function workload1(): Promise<Row[]> {
  const subgraphs = await startChild('subgraphs', 'bench/subgraphs/serve.ts', {});
  const env = { BENCH_SUBGRAPHS: JSON.stringify(subgraphs.info) };
  const body = JSON.stringify({ query: QUERY });
  const expected = expectedBody();
  const spec: [string, boolean, string, Record<string, string>][] = [
    ['Doelpoort, policy + audit on', false, 'bench/gateways/doelpoort.ts', { BENCH_MODE: 'policy' }],
    ['Doelpoort, policy + audit off', false, 'bench/gateways/doelpoort.ts', { BENCH_MODE: 'off' }],
    ['Apollo Gateway', true, 'bench/gateways/apollo.ts', {}],
    ['Hive Gateway', true, 'bench/gateways/hive.ts', {}],
  ];
  const contenders: Contender[] = [];
  try {
    for (const [label, peer, script, extra] of spec) {
      const child = await startChild(label, script, { ...env, ...extra });
      contenders.push({ label, peer, child, target: { url: child.info['url'] as string, headers: (child.info['headers'] as Record<string, string>) ?? {}, body, expected } });
    }
    return await measure(contenders);
  } finally {
    for (const c of contenders) c.child.stop();
    subgraphs.stop();
  }
}

async function workload2(): Promise<Row[]> {
  const databaseUrl = args['database-url'];
  try {
    const contenders = await workload2Targets(databaseUrl);
    try {
      return await measure(contenders);
    } finally {
      for (const c of contenders) c.child.stop();
    }
  } finally {
    if (databaseUrl) await dropWorkload2Schema(databaseUrl);
  }
}

const started = new Date();
const w1 = args.only === 'workload2' ? [] : await workload1();
const w2 = args.only === 'workload1' ? [] : await workload2();

const machine = `${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), ${execSync('free -h').toString().split('\n')[1]?.replace(/\s+/g, ' ').trim()}`;
const command = `npm run bench -- --rounds ${ROUNDS} --duration ${DURATION} --warmup ${WARMUP} --connections ${CONNECTIONS}${args.only ? ` --only ${args.only}` : ''}${args['database-url'] ? ` --database-url ${args['database-url']}` : ''}`;
const section = (title: string, rows: Row[], against: string) => (rows.length ? `\n## ${title}\n\n${table(rows, against)}\n` : '');
const report = `# Benchmarks

Measured by \`bench/run.ts\` (see bench/README.md). Machine: ${machine}. Date: ${started.toISOString()}.
Command: \`${command}\`. Versions: ${versions()}.

Each gateway runs in its own child process; autocannon keeps ${CONNECTIONS} connections busy for ${DURATION} s per round,
${ROUNDS} rounds, alternating gateways, after a ${WARMUP} s warm-up each. Latencies and rps are medians over rounds;
the ratio column compares with the fastest peer (workload 1) or with Doelpoort without policy (workload 2).
Every response body is compared with the expected answer; a wrong answer counts as an error.
"Wrong answers?" says whether the very first answer already differed from the expected one.
${section('Workload 1: the public gateway benchmark (4 subgraphs, deep nested query)', w1, 'peer')}${section('Workload 2: the LSI combined view of scenario 1 (13 partners + project, real policy files)', w2, 'Doelpoort, policy + audit off')}`;
writeFileSync(resolve(new URL('..', import.meta.url).pathname, args.out), `${report}${readFileSync(new URL('./findings.md', import.meta.url), 'utf8')}`);
log(`wrote ${args.out}`);
