/**
 * The cost model against the real partners' schema (docs/operations.md, "Estimated cost"): the
 * stories' queries fit the default limits, and a page of addresses with everything about their
 * residents does not.
 */
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildApiSchema } from '../../gateway/executor/api-schema.ts';
import { DEFAULT_SUBJECT_TYPES } from '../../gateway/executor/execute.ts';
import { checkLimits, subjectCost } from '../../gateway/limits/check.ts';
import { loadConfig } from '../../gateway/config/index.ts';
import type { Db } from '../../gateway/store/db.ts';
import { loadPolicyData } from '../../gateway/policy/load.ts';
import { composeSupergraph } from '../../schema/compose.ts';
import { createAllSubgraphs } from '../../subgraphs/index.ts';
import { createProjectSubgraph } from '../../gateway/project/index.ts';
import { defaultWorld } from '../../subgraphs/world/index.ts';
import { combinedView, PERSOONSBEELD } from '../e2e-federation/queries.ts';
import { DESK_RESEARCH } from '../../scripts/demo/queries.ts';

const project = createProjectSubgraph({
  db: {} as Db,
  policyData: loadPolicyData(new URL('../../policies', import.meta.url).pathname),
  verifyGatewayToken: () => Promise.reject(new Error('not called')),
  pseudonymOf: () => 'not called',
  recordMutation: () => Promise.reject(new Error('not called')),
});
const sources = [...createAllSubgraphs(defaultWorld()), project].map(({ name, sdl }) => ({ name, sdl, url: `http://${name}.partner.test/graphql` }));
const composed = composeSupergraph(sources);
if (!composed.ok) throw new Error('the partners do not compose');
const schema = buildApiSchema(composed.apiSchemaSdl, Object.keys(DEFAULT_SUBJECT_TYPES));
const defaults = loadConfig({ env: {} }).limits;

function costOf(query: string): { cost: number; refused: string[] } {
  const measured = checkLimits(parse(query), schema, null, {}, { ...defaults, maxCost: 0, ...subjectCost });
  const refused = checkLimits(parse(query), schema, null, {}, { ...defaults, ...subjectCost }).map((e) => String(e.extensions['code']));
  return { cost: Number(measured.find((e) => e.extensions['code'] === 'QUERY_TOO_COSTLY')?.extensions['value'] ?? 0), refused };
}

describe('the cost model fits the policy', () => {
  it('the desk research over the four selected Lindelaan addresses fits the default limits', () => {
    expect(costOf(DESK_RESEARCH)).toEqual({ cost: 228, refused: [] });
  });

  it('the end-to-end combined view of one address fits the default limits, with an unregistered occupant too', () => {
    expect(costOf(combinedView('9999200000900001'))).toEqual({ cost: 858, refused: [] });
    expect(costOf(combinedView('9999200000900001', { piotr: '999990044' }))).toEqual({ cost: 1087, refused: [] });
  });

  it('a page of project addresses with everything about their residents is refused as too costly', () => {
    const page = `{ projectAdressen(project: "wijkaanpak-2026", eerste: 100) { items { adres { bewoners { ...Persoonsbeeld } } } } } ${PERSOONSBEELD}`;
    const { cost, refused } = costOf(page);
    expect(cost).toBeGreaterThan(defaults.maxCost);
    expect(refused).toEqual(['QUERY_TOO_COSTLY']);
  });
});
