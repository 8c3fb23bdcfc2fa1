/**
 * A quick look at workload 2's cost without the full side-by-side run: starts Doelpoort with the
 * policy and audit on (`on`, bench/workload2/product.ts) or off (`off`, product-off.ts), warms up,
 * loads it, and prints rps and the child's CPU ms per request. The 13 partners run in the child in
 * both modes, so their CPU is included in both.
 *
 *   node --import tsx bench/cpu-w2.ts [on|off] [seconds] [connections] [--cpu-prof]
 *
 * With DATABASE_URL set, the policy-on product keeps its audit and state in that PostgreSQL
 * database instead of PGlite.
 */
import { cpuMs, startChild } from './lib/child.ts';
import { loadRound } from './lib/load.ts';
import { QUERY } from './workload2/query.ts';
import { settledAnswer } from './workload2/targets.ts';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const mode = args[0] ?? 'on';
const seconds = Number(args[1] ?? 10);
const connections = Number(args[2] ?? 10);
const profile = process.argv.includes('--cpu-prof');
const scripts: Record<string, string> = { on: 'bench/workload2/product.ts', off: 'bench/workload2/product-off.ts' };
const script = scripts[mode] ?? (() => { throw new Error(`unknown mode ${mode} (on|off)`); })();
const spawnedAt = Date.now();
const gw = await startChild(`workload2-${mode}`, script, {}, profile ? ['--cpu-prof', '--cpu-prof-dir', 'bench/profiles'] : []);
const url = gw.info['url'] as string;
const headers = gw.info['headers'] as Record<string, string>;
const body = JSON.stringify({ query: QUERY });
const target = { url, headers, body, expected: await settledAnswer(url, headers, body) };
await loadRound(target, connections, 3);
const before = cpuMs(gw.process.pid!);
const loadStartedMs = Date.now() - spawnedAt;
const r = await loadRound(target, connections, seconds);
const cpu = (cpuMs(gw.process.pid!) - before) / Math.max(1, r.requests);
console.log(JSON.stringify({ mode, database: process.env['DATABASE_URL'] ? 'postgres' : 'pglite', rps: r.rps, p50: r.p50, errors: r.errors, requests: r.requests, cpuMsPerRequest: Number(cpu.toFixed(2)), ...(profile ? { skipMs: loadStartedMs } : {}) }));
gw.process.kill('SIGTERM');
await new Promise((res) => gw.process.once('exit', res));
