/**
 * How long Hive Router's query planner takes: loading a supergraph, and planning one operation
 * (the planner itself, without the executor's plan cache). Medians of 20 runs, for the workload-1
 * supergraph and query and for the 13 partners of the synthetic world with a combined view.
 *
 *   node --import tsx bench/plan-time.ts
 */
import { QueryPlanner } from '@graphql-hive/router-query-planner';
import { composeSupergraph } from '../schema/compose.ts';
import { createAllSubgraphs } from '../subgraphs/index.ts';
import { defaultWorld } from '../subgraphs/world/index.ts';
import { benchSubgraphs } from './subgraphs/schemas.ts';
import { QUERY } from './workload1/query.ts';

const COMBINED_VIEW = `{ adres(adresId: "A1") { straat huisnummer postcode bewoners { bsn naam { voornamen geslachtsnaam } toeslagen { soort } } } }`;

function median(run: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[10]!;
}

function measure(label: string, subgraphs: { name: string; sdl: string }[], query: string): void {
  const composed = composeSupergraph(subgraphs.map((s) => ({ name: s.name, sdl: s.sdl, url: `http://${s.name}.test/graphql` })));
  if (!composed.ok) throw new Error(`${label}: the subgraphs do not compose`);
  const load = median(() => new QueryPlanner(composed.supergraphSdl));
  const planner = new QueryPlanner(composed.supergraphSdl);
  const plan = median(() => planner.plan(query, null, new Set(), 0));
  console.log(`${label}: load ${load.toFixed(2)} ms, plan ${plan.toFixed(2)} ms (median of 20)`);
}

measure('workload 1 (4 subgraphs, deep nested query)', benchSubgraphs(), QUERY);
measure('synthetic world (13 partners, combined view)', createAllSubgraphs(defaultWorld()), COMBINED_VIEW);
