/** Profiles Doelpoort (policy + audit on) under workload 1 for 10 s: writes a .cpuprofile to bench/profiles/ (it includes start-up). */
import { startChild } from './lib/child.ts';
import { loadRound } from './lib/load.ts';
import { QUERY, expectedBody } from './workload1/query.ts';
const sg = await startChild('sg', 'bench/subgraphs/serve.ts', {});
const gw = await startChild('dp', 'bench/gateways/doelpoort.ts', { BENCH_SUBGRAPHS: JSON.stringify(sg.info), BENCH_MODE: 'policy' }, ['--cpu-prof', '--cpu-prof-dir', 'bench/profiles']);
const r = await loadRound({ url: gw.info.url as string, headers: gw.info.headers as Record<string, string>, body: JSON.stringify({ query: QUERY }), expected: expectedBody() }, 50, 10);
console.log(r);
gw.process.kill('SIGTERM');
await new Promise((res) => gw.process.once('exit', res));
sg.stop();
