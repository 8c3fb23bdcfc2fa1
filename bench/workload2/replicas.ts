/**
 * `--replicas N`: N gateway processes (bench/workload2/product.ts, policy + audit on) on one
 * PostgreSQL schema and one data folder (the shared keys), over the one partners process, as
 * operators run replicas behind a load balancer. The load tool is the round-robin: it spreads its
 * connections over the N ports. The first replica selects scenario 1's address; the others start
 * together after it (migrations under the store's advisory lock).
 */
import { DOELPOORT_NODE_ARGS, startChild, type Child } from '../lib/child.ts';
import type { Contender } from '../lib/contender.ts';
import { QUERY } from './query.ts';
import { settledAnswer, type Workload2World } from './targets.ts';

export const replicasLabel = (n: number) => `Doelpoort, policy + audit on (PostgreSQL), ${n} replicas`;

export async function replicasContender(world: Workload2World, n: number, databaseUrl: string): Promise<Contender> {
  const env = { ...world.env, BENCH_DATABASE_URL: databaseUrl };
  const children: Child[] = [];
  try {
    children.push(await startChild('replica 1', 'bench/workload2/product.ts', env, DOELPOORT_NODE_ARGS));
    children.push(...(await Promise.all(Array.from({ length: n - 1 }, (_, i) => startChild(`replica ${i + 2}`, 'bench/workload2/product.ts', { ...env, BENCH_SELECT: 'skip' }, DOELPOORT_NODE_ARGS)))));
    const urls = children.map((c) => c.info['url'] as string);
    const headers = children[0]!.info['headers'] as Record<string, string>;
    const body = JSON.stringify({ query: QUERY });
    const expected = await settledAnswer(urls[0]!, headers, body);
    // Every replica gives the same answer: the same state, through any of them.
    for (const url of urls.slice(1)) await settledAnswer(url, headers, body);
    return { label: replicasLabel(n), peer: false, children, target: { url: urls, headers, body, expected } };
  } catch (error) {
    for (const child of children) child.stop();
    throw error;
  }
}
