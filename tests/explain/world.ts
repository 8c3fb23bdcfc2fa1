/**
 * The scenario world for Explain's tests: the composed schema of the 13 partners, the shipped
 * policy, facts in memory over the world's registers and signals with three open cases, and the
 * context an analyst's request would carry.
 */
import type { Tier } from '../../schema/classification.ts';
import type { RequestContext } from '../../gateway/context/types.ts';
import { explainSchemaFrom } from '../../gateway/explain/schema.ts';
import type { ExplainFacts } from '../../gateway/explain/types.ts';
import { loadPolicyData } from '../../gateway/policy/load.ts';
import { createInMemoryFacts, type CaseRecord } from '../../gateway/policy/in-memory-facts.ts';
import { composeGateway } from '../../gateway/server/gateway.ts';
import { createAllSubgraphs } from '../../subgraphs/index.ts';
import { defaultWorld, SCENARIO_ADRES, SCENARIO_BSN } from '../../subgraphs/world/index.ts';
import { POLICY_DIR } from '../policy/policy-files.ts';

export const PROJECT = 'wijkaanpak-2026';
export const world = defaultWorld();
export const data = loadPolicyData(POLICY_DIR);
export const schema = explainSchemaFrom(composeGateway(createAllSubgraphs(world).map(({ name, sdl }) => ({ name, sdl, url: `http://${name}.partner.test/graphql` }))));

export const ADRES = SCENARIO_ADRES;
export const BSN = SCENARIO_BSN;

function openCase(id: string, adresId: string, consultedTiers: Tier[], documentedSuspicion = false): CaseRecord {
  return { id, project: PROJECT, adresId, open: true, documentedSuspicion, consultedTiers };
}

/** Selected: the family home (only low data consulted yet), the studio, and the Wouters' home (with a finding). */
export const CASES = [
  openCase('ZAAK-GEZIN', ADRES.gezinswoning, ['low']),
  openCase('ZAAK-STUDIO', ADRES.studioDeGroot, []),
  openCase('ZAAK-WOUTERS', ADRES.zorgWouters, ['low', 'identifying', 'financial'], true),
];

export const provider = createInMemoryFacts({ addresses: world.adressen, persons: world.personen, signals: world.signalen, cases: CASES });

/** Facts of every kind of subject, none assumed: what a test can have without a partner. */
export const completeFacts: ExplainFacts = {
  provider,
  coverage: { person: { known: true, assumes: [] }, address: { known: true, assumes: [] } },
};

export interface Asker {
  organisation: string;
  role: string;
  purpose?: string;
  project?: string;
  justification?: string;
  /** The moment the request is judged on; default 2026-11-23 10:00 UTC. */
  now?: string;
}

export function contextOf(asker: Asker): RequestContext {
  return {
    requestId: 'req-explain',
    traceId: '0af7651916cd43dd8448eb211c80319c',
    spanId: 'b7ad6b7169203331',
    now: new Date(asker.now ?? '2026-11-23T10:00:00Z'),
    caller: { id: `${asker.organisation}-${asker.role}-1`, organisation: asker.organisation, roles: [asker.role], projects: [PROJECT, 'wijkaanpak-2025'] },
    ...(asker.purpose
      ? { purpose: { project: asker.project ?? PROJECT, purpose: asker.purpose, ...(asker.justification ? { justification: asker.justification } : {}) } }
      : {}),
  };
}
