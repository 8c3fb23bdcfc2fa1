/**
 * Start step "policy": the policy over the store's facts and the partners' registers (BRP, BAG and,
 * when served, the inspectorate), each look-up journaled for the audit; traced when a tracer runs.
 */
import { pseudonymise } from '../audit/pseudonym.ts';
import { createLookupJournal } from '../audit/register-lookup-records.ts';
import type { SubgraphFetcher } from '../executor/subgraph-client.ts';
import { createStoreFacts } from '../facts/provider.ts';
import { createPartnerRegisterLookup } from '../facts/registers.ts';
import { tracedPolicy } from '../observability/policy-tracing.ts';
import type { Tracer } from '../observability/tracing.ts';
import { createPolicy } from '../policy/create-policy.ts';
import type { PolicyData } from '../policy/load.ts';
import { cachePerRequest } from '../policy/request-facts-cache.ts';
import type { Policy } from '../policy/types.ts';
import type { Db } from '../store/db.ts';
import { lookupHeaders } from './call-headers.ts';
import type { Keys } from './stores.ts';

export interface PolicyInput {
  policyData: PolicyData;
  db: Db;
  keys: Keys;
  fetcher: SubgraphFetcher;
  graphs: readonly { name: string; url: string }[];
  subgraphTimeoutMs: number;
  tracer?: Tracer;
}

export function startPolicy(input: PolicyInput): { policy: Policy; lookups: ReturnType<typeof createLookupJournal> } {
  const urls = new Map(input.graphs.map((s) => [s.name, s.url]));
  const lookups = createLookupJournal();
  const registers = createPartnerRegisterLookup({
    fetcher: input.fetcher,
    urls: { bag: urls.get('bag')!, brp: urls.get('brp')!, ...(urls.has('arbeidsinspectie') ? { arbeidsinspectie: urls.get('arbeidsinspectie')! } : {}) },
    timeoutMs: input.subgraphTimeoutMs,
    onLookup: lookups.note,
    headers: lookupHeaders(input.keys.signing),
  });
  const { pseudonymKey } = input.keys;
  const deciding = createPolicy({
    data: input.policyData,
    facts: cachePerRequest(createStoreFacts({ db: input.db, registers, pseudonymOf: (bsn) => pseudonymise('person', bsn, pseudonymKey) })),
  });
  return { policy: input.tracer ? tracedPolicy(deciding, input.tracer) : deciding, lookups };
}
