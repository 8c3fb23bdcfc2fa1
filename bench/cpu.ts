/**
 * A quick look at one gateway's cost on workload 1 without the full side-by-side run: starts the
 * subgraphs and one gateway, warms up, loads it, and prints rps and the gateway's CPU ms per request.
 *
 *   node --import tsx bench/cpu.ts [doelpoort-policy|doelpoort-off|apollo|hive|hive-router] [seconds] [--cpu-prof]
 */
import { DOELPOORT_NODE_ARGS, cpuMs, mainThreadCpuMs, startChild } from './lib/child.ts';
import { loadRound } from './lib/load.ts';
import { QUERY, expectedBody } from './workload1/query.ts';

const which = process.argv[2] ?? 'doelpoort-policy';
const seconds = Number(process.argv[3] ?? 8);
const profile = process.argv.includes('--cpu-prof');
const scripts: Record<string, [string, Record<string, string>]> = {
  'doelpoort-policy': ['bench/gateways/doelpoort.ts', { BENCH_MODE: 'policy' }],
  'doelpoort-off': ['bench/gateways/doelpoort.ts', { BENCH_MODE: 'off' }],
  apollo: ['bench/gateways/apollo.ts', {}],
  hive: ['bench/gateways/hive.ts', {}],
  'hive-router': ['bench/gateways/hive-router.ts', {}],
};
const [script, env] = scripts[which] ?? (() => { throw new Error(`unknown gateway ${which}`); })();
const sg = await startChild('subgraphs', 'bench/subgraphs/serve.ts', {});
const nodeArgs = [...(profile ? ['--cpu-prof', '--cpu-prof-dir', 'bench/profiles'] : []), ...(process.env['BENCH_NODE_ARGS']?.split(' ').filter(Boolean) ?? [])];
const gw = await startChild(which, script, { BENCH_SUBGRAPHS: JSON.stringify(sg.info), ...env }, which.startsWith('doelpoort') ? [...DOELPOORT_NODE_ARGS, ...nodeArgs] : nodeArgs);
const target = { url: gw.info['url'] as string, headers: (gw.info['headers'] as Record<string, string>) ?? {}, body: JSON.stringify({ query: QUERY }), expected: expectedBody() };
await loadRound(target, 20, 3);
const before = cpuMs(gw.process.pid!);
const mainBefore = mainThreadCpuMs(gw.process.pid!);
const sgBefore = cpuMs(sg.process.pid!);
const r = await loadRound(target, 20, seconds);
const cpu = (cpuMs(gw.process.pid!) - before) / Math.max(1, r.requests);
const mainCpu = (mainThreadCpuMs(gw.process.pid!) - mainBefore) / Math.max(1, r.requests);
const sgCpu = (cpuMs(sg.process.pid!) - sgBefore) / Math.max(1, r.requests);
console.log(JSON.stringify({ gateway: which, rps: r.rps, p50: r.p50, errors: r.errors, errorKinds: r.errorKinds, requests: r.requests, gatewayCpuMsPerRequest: Number(cpu.toFixed(2)), gatewayMainThreadCpuMsPerRequest: Number(mainCpu.toFixed(2)), subgraphCpuMsPerRequest: Number(sgCpu.toFixed(2)) }));
gw.process.kill('SIGTERM');
await new Promise((res) => gw.process.once('exit', res));
sg.stop();
