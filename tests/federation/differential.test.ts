/**
 * Differential test (issue #13): every fixture's subgraphs are served over HTTP once, composed once,
 * and every query runs through Doelpoort and through Apollo Gateway (the oracle) from the same
 * supergraph. `data` must be equal and so must the set of error paths, except where the fixture
 * documents that the reference is wrong (with the spec text), or that Hive Router's planner cannot plan
 * the operation (Doelpoort then refuses it whole, an error rather than a guess). Where a fixture states the answer
 * itself (`expected`), Doelpoort's must be it: both gateways read the kit's supergraph, so a wrongly
 * composed one would mislead them alike.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { comparable } from './differential/compare.ts';
import { fixtures } from './differential/fixtures/index.ts';
import { startGateways, type GatewayPair } from './differential/gateways.ts';
import { serveSubgraphs, type ServedSubgraphs } from './differential/serve.ts';

for (const fixture of fixtures) {
  describe(`differential: ${fixture.name} (${fixture.families.join(', ')})`, () => {
    let served: ServedSubgraphs;
    let gateways: GatewayPair;
    beforeAll(async () => {
      served = await serveSubgraphs(fixture.subgraphs);
      gateways = await startGateways(fixture.subgraphs, served.urls);
    });
    afterAll(async () => {
      await gateways?.close();
      await served?.close();
    });

    for (const q of fixture.queries) {
      const note = q.plannerRefuses ? ` (refused: the query planner cannot plan it)` : q.divergence ? ` (reference differs: ${q.divergence.reason})` : '';
      it(`${q.name}${note}`, async () => {
        // One after the other: a mutation must meet the same state in both gateways' runs.
        const doelpoort = await gateways.doelpoort(q.query, q.variables);
        const apollo = await gateways.apollo(q.query, q.variables);
        const ours = comparable(doelpoort);
        const reference = comparable(apollo);
        if (q.plannerRefuses) {
          expect(ours, `${fixture.name} / ${q.name}: the planner now plans it; drop plannerRefuses`).toEqual({ data: null, errorPaths: ['(no path)'] });
          expect(doelpoort.errors?.[0]?.extensions?.code).toBe('QUERY_PLANNING_FAILED');
          expect(doelpoort.errors?.[0]?.message).toContain(q.plannerRefuses);
        } else if (q.divergence) {
          expect(ours, `${fixture.name} / ${q.name}: Doelpoort's answer is not the one the spec asks for (${q.divergence.spec})`).toEqual(q.divergence.expected);
          expect(reference, `${fixture.name} / ${q.name}: Apollo Gateway now agrees; drop the documented divergence`).not.toEqual(q.divergence.expected);
        } else {
          expect(ours, `${fixture.name} / ${q.name}: Doelpoort (received) differs from Apollo Gateway (expected)\n${q.query}`).toEqual(reference);
        }
        if (q.expected) expect(ours, `${fixture.name} / ${q.name}: not the answer the composed subgraphs give\n${q.query}`).toEqual(q.expected);
        // Every answer is a GraphQL result: data or errors, never a transport failure.
        expect(doelpoort.data !== undefined || (doelpoort.errors?.length ?? 0) > 0).toBe(true);
      });
    }
  });
}
