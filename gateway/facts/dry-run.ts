/**
 * The facts a dry run (Explain) has without asking any partner: what the product's own store holds
 * about an address in a project (its signals, its open case, the findings and the tiers consulted
 * in it). Whether an address lies in the project's area depends on its postcode, which is in the
 * BAG; where a person lives and whether they are under the secrecy flag is in the BRP. The running
 * gateway asks those registers (gateway/facts/registers.ts); a dry run asks neither, so it assumes
 * an address is in the area, says so, and leaves persons to run time.
 */
import type { ExplainFacts } from '../explain/types.ts';
import type { Db } from '../store/db.ts';
import { loadAddressFacts } from './provider.ts';

export function createDryRunFacts({ db }: { db: Db }): ExplainFacts {
  return {
    coverage: {
      address: {
        known: true,
        assumes: [
          {
            rule: 'scope.out-of-area',
            why: "whether the address lies in the project's area depends on its postcode in the BAG, which a dry run does not ask; the outcome holds if it does",
          },
        ],
      },
      person: {
        known: false,
        why: "a person's address on the reference date and their BRP secrecy flag are in the BRP, which a dry run does not ask; the per-entity rules are decided at run time",
      },
    },
    provider: {
      async load(entities, query) {
        if (entities.some((e) => e.kind !== 'address')) throw new Error('a dry run has facts about addresses only');
        const facts = await loadAddressFacts(db, [...new Set(entities.map((e) => e.subjectId))], query);
        return entities.map((e) => ({ kind: 'address', subjectId: e.subjectId, secrecy: null, ...facts.get(e.subjectId)! }));
      },
    },
  };
}
