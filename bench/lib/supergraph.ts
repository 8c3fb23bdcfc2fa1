/** The workload-1 supergraph for the peers, composed with The Guild's composition library. */
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { benchSubgraphs } from '../subgraphs/schemas.ts';

export function benchSupergraph(urls: Record<string, string>): string {
  const composed = composeServices(benchSubgraphs().map((s) => ({ name: s.name, url: urls[s.name]!, typeDefs: parse(s.sdl) })));
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  return composed.supergraphSdl;
}

/** What a gateway child gets: the subgraph URLs, from BENCH_SUBGRAPHS. */
export function subgraphUrls(): Record<string, string> {
  const raw = process.env['BENCH_SUBGRAPHS'];
  if (!raw) throw new Error('BENCH_SUBGRAPHS (JSON of subgraph name → URL) is not set');
  return JSON.parse(raw) as Record<string, string>;
}

/** Tells the parent process where the gateway listens. */
export function ready(info: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(info)}\n`);
}
