/**
 * `npm run bench:policy`: how fast the policy decides. Two figures, each the median of 5 rounds:
 * pure field decisions per second (decideField over in-memory facts), and the cost of one
 * request's policy work (createPolicy.decide for the residents of the scenario 1 address, facts
 * loaded in one batch, the static part cached per request).
 */
import { performance } from 'node:perf_hooks';
import { createPolicy } from '../gateway/policy/create-policy.ts';
import { decideField } from '../gateway/policy/decide.ts';
import { createInMemoryFacts } from '../gateway/policy/in-memory-facts.ts';
import { loadPolicyData } from '../gateway/policy/load.ts';
import type { FetchQuestion } from '../gateway/policy/types.ts';
import type { RequestContext } from '../gateway/context/types.ts';
import { defaultWorld, SCENARIO_ADRES, SCENARIO_BSN } from '../subgraphs/world/index.ts';

const data = loadPolicyData(new URL('../policies', import.meta.url).pathname);
const world = defaultWorld();
const facts = createInMemoryFacts({
  addresses: world.adressen,
  persons: world.personen,
  signals: world.signalen,
  cases: [{ id: 'ZAAK-BENCH', project: 'wijkaanpak-2026', adresId: SCENARIO_ADRES.gezinswoning, open: true, documentedSuspicion: false, consultedTiers: ['low', 'identifying'] }],
});
const fields = [
  { coordinate: 'Persoon.toeslagen', owner: 'belastingdienst', classification: { tier: 'financial' as const, purposes: ['uitkeringsfraude'], minimised: 'count' as const } },
  { coordinate: 'Persoon.inkomens', owner: 'belastingdienst', classification: { tier: 'financial' as const, purposes: ['uitkeringsfraude'], minimised: 'count' as const } },
];
const bsns = [SCENARIO_BSN.esmeeVerhoeven, SCENARIO_BSN.noahVerhoeven, SCENARIO_BSN.lotteVerhoeven];
const entities = bsns.map((bsn, i) => ({ typename: 'Persoon', kind: 'person' as const, subjectId: bsn, path: ['adres', 'bewoners', i] }));
const question: FetchQuestion = { owner: 'belastingdienst', fields, entities };
const context = (): RequestContext => ({
  requestId: 'bench',
  traceId: '0af7651916cd43dd8448eb211c80319c',
  spanId: 'b7ad6b7169203331',
  now: new Date('2026-11-23T10:00:00Z'),
  caller: { id: 'emp-1', organisation: 'belastingdienst', roles: ['analist'], projects: ['wijkaanpak-2026'] },
  purpose: { project: 'wijkaanpak-2026', purpose: 'uitkeringsfraude' },
});

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const ctx = context();
  const [entityFacts] = await facts.load([entities[0]!], {
    project: data.projects.get('wijkaanpak-2026')!,
    referenceDate: '2026-11-01',
    today: '2026-11-23',
    request: ctx,
  });
  const pure: number[] = [];
  for (let round = 0; round < 5; round++) {
    const n = 200_000;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) decideField(fields[i % 2]!, entityFacts!, ctx, data);
    pure.push(n / ((performance.now() - t0) / 1000));
  }
  const policy = createPolicy({ data, facts });
  const perRequest: number[] = [];
  for (let round = 0; round < 5; round++) {
    const n = 5_000;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) await policy.decide(question, context());
    perRequest.push(((performance.now() - t0) * 1000) / n);
  }
  const decisionsPerQuestion = entities.length * fields.length;
  console.log(`policy version ${data.version}`);
  console.log(`decideField (pure): ${Math.round(median(pure)).toLocaleString('en')} decisions/s (median of 5 rounds of 200,000)`);
  console.log(
    `one request's question (${entities.length} persons × ${fields.length} fields, facts batched, fresh request context): ${median(perRequest).toFixed(1)} µs per request = ${Math.round((decisionsPerQuestion * 1e6) / median(perRequest)).toLocaleString('en')} decisions/s (median of 5 rounds of 5,000)`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
