/**
 * A quick look at workload 2's cost without the full side-by-side run: starts Doelpoort with the
 * policy and audit on (`on`, bench/workload2/product.ts) or off (`off`, product-off.ts), warms up,
 * loads it, and prints rps and the child's CPU ms per request: all its threads (cpuMsPerRequest,
 * PGlite's worker thread included) and its main thread, the event loop (mainThreadCpuMsPerRequest).
 * The 13 partners run in a process of their own (bench/workload2/partners.ts) in both modes; their
 * CPU per request is printed apart (partnersCpuMsPerRequest).
 *
 *   node --import tsx bench/cpu-w2.ts [on|off] [seconds] [connections] [--cpu-prof]
 *
 * With DATABASE_URL set, the policy-on product keeps its audit and state in that PostgreSQL
 * database instead of PGlite, in a fresh schema dropped afterwards; the CPU of every process named
 * postgres on the machine is then reported separately (serverCpuMsPerRequest), and that of the
 * gateway's own backends alone (backendCpuMsPerRequest: the sessions with this run's
 * application_name, steady when other clients use the same server; a backend that ends during the
 * round is missed).
 */
import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { DOELPOORT_NODE_ARGS, cpuMs, mainThreadCpuMs, startChild } from './lib/child.ts';
import { loadRound } from './lib/load.ts';
import { QUERY } from './workload2/query.ts';
import { settledAnswer, startWorkload2World } from './workload2/targets.ts';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const mode = args[0] ?? 'on';
const seconds = Number(args[1] ?? 10);
const connections = Number(args[2] ?? 10);
const profile = process.argv.includes('--cpu-prof');
const scripts: Record<string, string> = { on: 'bench/workload2/product.ts', off: 'bench/workload2/product-off.ts' };
const script = scripts[mode] ?? (() => { throw new Error(`unknown mode ${mode} (on|off)`); })();
const databaseUrl = process.env['DATABASE_URL'];
const schema = databaseUrl ? `bench_w2_${process.pid}` : undefined;
async function onDatabase(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(sql);
  await client.end();
}
/** CPU ms used so far by the processes named postgres that are running now. */
function postgresCpuMs(): number {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') total += cpuMs(Number(pid));
    } catch {
      // The process ended meanwhile.
    }
  }
  return total;
}
/** CPU ms used so far by the server's backends serving this run's gateway, by pid. */
async function backendCpuMs(): Promise<Map<number, number>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [schema]);
  await client.end();
  const result = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      result.set(pid, cpuMs(pid));
    } catch {
      // The backend ended meanwhile.
    }
  }
  return result;
}
if (schema) await onDatabase(`CREATE SCHEMA ${schema}`);
const world = await startWorkload2World();
const env: Record<string, string> = databaseUrl && schema ? { ...world.env, BENCH_DATABASE_URL: `${databaseUrl}${databaseUrl.includes('?') ? '&' : '?'}options=-c%20search_path%3D${schema}&application_name=${schema}` } : world.env;
const spawnedAt = Date.now();
const gw = await startChild(`workload2-${mode}`, script, env, [...DOELPOORT_NODE_ARGS, ...(profile ? ['--cpu-prof', '--cpu-prof-dir', 'bench/profiles'] : [])]);
const url = gw.info['url'] as string;
const headers = gw.info['headers'] as Record<string, string>;
const body = JSON.stringify({ query: QUERY });
const target = { url, headers, body, expected: await settledAnswer(url, headers, body) };
await loadRound(target, connections, 3);
// Several loads one after another (REPEAT=n) show whether the cost grows with the audit log.
for (let round = 0; round < Number(process.env['REPEAT'] ?? 1); round += 1) {
  const before = cpuMs(gw.process.pid!);
  const mainBefore = mainThreadCpuMs(gw.process.pid!);
  const partnersBefore = cpuMs(world.partners.process.pid!);
  const serverBefore = schema ? postgresCpuMs() : 0;
  const backendsBefore = schema ? await backendCpuMs() : new Map<number, number>();
  const loadStartedMs = Date.now() - spawnedAt;
  const r = await loadRound(target, connections, seconds);
  const cpu = (cpuMs(gw.process.pid!) - before) / Math.max(1, r.requests);
  const mainCpu = (mainThreadCpuMs(gw.process.pid!) - mainBefore) / Math.max(1, r.requests);
  const partnersCpu = (cpuMs(world.partners.process.pid!) - partnersBefore) / Math.max(1, r.requests);
  const backendsAfter = schema ? await backendCpuMs() : new Map<number, number>();
  const backendsCpu = [...backendsAfter].reduce((sum, [pid, ms]) => sum + ms - (backendsBefore.get(pid) ?? 0), 0);
  const serverCpu = schema
    ? {
        serverCpuMsPerRequest: Number(((postgresCpuMs() - serverBefore) / Math.max(1, r.requests)).toFixed(2)),
        backendCpuMsPerRequest: Number((backendsCpu / Math.max(1, r.requests)).toFixed(2)),
      }
    : {};
  console.log(JSON.stringify({ mode, database: schema ? 'postgres' : 'pglite', rps: r.rps, p50: r.p50, errors: r.errors, errorKinds: r.errorKinds, requests: r.requests, cpuMsPerRequest: Number(cpu.toFixed(2)), mainThreadCpuMsPerRequest: Number(mainCpu.toFixed(2)), partnersCpuMsPerRequest: Number(partnersCpu.toFixed(2)), ...serverCpu, ...(profile ? { skipMs: loadStartedMs } : {}) }));
}
gw.process.kill('SIGTERM');
await new Promise((res) => gw.process.once('exit', res));
await world.stop();
if (schema) await onDatabase(`DROP SCHEMA ${schema} CASCADE`);
