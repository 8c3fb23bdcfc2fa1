import { describe, expect, test } from 'vitest';
import { decisionRecord, fieldDecisionRecord, type FieldDecisionRecord, type FieldOutcome } from '../../gateway/audit/records.ts';
import { consultedTiers, createStoreFacts } from '../../gateway/facts/provider.ts';
import type { RegisterLookup } from '../../gateway/facts/registers.ts';
import type { EntityFacts } from '../../gateway/policy/facts.ts';
import { createInMemoryFacts } from '../../gateway/policy/in-memory-facts.ts';
import { addFinding, findOpenCases, openCase } from '../../gateway/store/cases.ts';
import type { Db } from '../../gateway/store/db.ts';
import { importSignals } from '../../gateway/store/signals.ts';
import { backends, recordingQueries } from './backends.ts';
import { ADRES, BSN, PROJECT, RECORDS, SIGNALS, entity, fakeRegisters, query } from './fixtures.ts';

/** The table a recorded facts query reads: the consulted-tiers query starts from the cases but reads the audit log. */
const tableOf = (sql: string) => (/FROM audit_log/.test(sql) ? 'audit_log' : /FROM (signals|cases)/.exec(sql)?.[1]);

const P = PROJECT.id;
const OPENED_AT = new Date('2026-07-01T09:00:00Z');

function addressFacts(subjectId: string, overrides: Partial<EntityFacts> = {}): EntityFacts {
  return {
    kind: 'address',
    subjectId,
    inScope: true,
    addressId: subjectId,
    signals: { partners: [], kinds: [] },
    documentedSuspicion: false,
    caseId: null,
    consultedTiers: [],
    secrecy: null,
    ...overrides,
  };
}

let seq = 0;
/** What a decision record says once, in either shape. */
const CONTEXT = {
  request_id: 'req-1',
  trace_id: '4bf92f3577b34da6a3ce929d0e0e4736',
  caller_id: 'medewerker-17',
  organisation: 'sociale-dienst',
  role: 'analist',
  action: 'read',
  subject_pseudonym: 'a'.repeat(64),
  subject_type: 'person',
  project: P,
  phase: null,
  purpose: 'woonfraude',
  justification: null,
  policy_version: 'sha256:test',
  decided_at: '2026-07-02T10:00:00.000Z',
  processing_activity_id: null,
  processing_activity_version: null,
};
const outcomeOf = (outcome: FieldOutcome['outcome']) => ({
  outcome,
  principle: outcome === 'allow' ? null : 'proportionaliteit',
  rule: outcome === 'allow' ? 'policy.allow' : 'proportionaliteit.tier-weight',
  reason: null,
  transform: outcome === 'minimise' ? 'year' : null,
  flagged_for_review: false,
});

/** Stores a decision record of one field, as the audit writer wrote them before they were grouped (the chain columns are not read here). */
async function storeDecision(db: Db, caseId: string | null, tier: string, outcome: FieldDecisionRecord['outcome']): Promise<void> {
  await insertDecision(db, fieldDecisionRecord.parse({ ...CONTEXT, resource: 'Persoon.naam', owner: 'brp', case_id: caseId, ...outcomeOf(outcome), reviewed_at: null, reviewed_by: null, tier }));
}

/** Stores a decision record as the audit writer writes it now: one subject and partner call, these fields' tiers and outcomes. */
async function storeGroupedDecision(db: Db, caseId: string | null, fields: [tier: string, outcome: FieldOutcome['outcome']][], owner = 'uwv'): Promise<void> {
  const released = new Set(fields.filter(([, outcome]) => outcome !== 'deny').map(([tier]) => tier));
  await insertDecision(
    db,
    decisionRecord.parse({
      ...CONTEXT,
      owner,
      partner_reference: null,
      case_id: caseId,
      released_tiers: [...released].sort(),
      fields: fields.map(([tier, outcome], i) => ({ resource: `Persoon.veld${i}`, ...outcomeOf(outcome), tier })),
    }),
  );
}

async function insertDecision(db: Db, body: unknown): Promise<void> {
  seq += 1;
  await db.query(
    `INSERT INTO audit_log (seq, kind, recorded_at, body, prev_hash, hash) VALUES ($1, 'decision', now(), $2::jsonb, $3, $3)`,
    [seq, JSON.stringify(body), '0'.repeat(64)],
  );
}

const ENTITIES = [
  entity('address', ADRES.twoPartners, 0),
  entity('address', ADRES.onePartner, 1),
  entity('address', ADRES.quiet, 2),
  entity('address', ADRES.outside, 3),
  entity('address', ADRES.unknown, 4),
  entity('person', BSN.resident, 5),
  entity('person', BSN.movedOut, 6),
  entity('person', BSN.secret, 7),
  entity('person', BSN.unregistered, 8),
  entity('person', BSN.unknown, 9),
];

for (const backend of backends) {
  describe.runIf(backend.enabled)(`store facts on ${backend.name}`, () => {
    test('an address has one signal the day before the second partner signals, two from that day', async () => {
      const db = await backend.open();
      try {
        await importSignals(db, P, SIGNALS);
        const facts = createStoreFacts({ db, registers: fakeRegisters().registers });
        const [before] = await facts.load([entity('address', ADRES.twoPartners)], query('2026-06-14'));
        const [after] = await facts.load([entity('address', ADRES.twoPartners)], query('2026-06-15'));
        expect(before).toEqual(addressFacts(ADRES.twoPartners, { signals: { partners: ['woningcorporatie'], kinds: ['overlast'] } }));
        expect(after).toEqual(
          addressFacts(ADRES.twoPartners, { signals: { partners: ['woningcorporatie', 'belastingdienst'], kinds: ['overlast', 'toeslagen-afwijkend'] } }),
        );
      } finally {
        await db.close();
      }
    });

    test('selection gives the case; a finding makes documented suspicion; released tiers are consulted', async () => {
      const db = await backend.open();
      try {
        await importSignals(db, P, SIGNALS);
        const facts = createStoreFacts({ db, registers: fakeRegisters().registers });
        const load = async () => (await facts.load([entity('address', ADRES.twoPartners)], query('2026-07-01')))[0];
        const signals = { partners: ['woningcorporatie', 'belastingdienst'], kinds: ['overlast', 'toeslagen-afwijkend'] };

        const zaak = await openCase(db, { project: P, adresId: ADRES.twoPartners, openedBy: 'coordinator-1', reason: 'Overlapping signals of two partners.', openedAt: OPENED_AT });
        expect(await load()).toEqual(addressFacts(ADRES.twoPartners, { signals, caseId: zaak.id }));

        await storeDecision(db, zaak.id, 'identifying', 'allow');
        await storeDecision(db, zaak.id, 'low', 'minimise');
        await storeDecision(db, zaak.id, 'identifying', 'allow');
        await storeDecision(db, zaak.id, 'financial', 'deny');
        await storeDecision(db, 'another-case', 'financial', 'allow');
        await storeDecision(db, null, 'criminal-law', 'allow');
        expect(await load()).toEqual(addressFacts(ADRES.twoPartners, { signals, caseId: zaak.id, consultedTiers: ['identifying', 'low'] }));

        await addFinding(db, { caseId: zaak.id, kind: 'huisbezoek', note: 'Six men live here.', recordedBy: 'handhaver-3', recordedAt: OPENED_AT });
        expect(await load()).toEqual(
          addressFacts(ADRES.twoPartners, { signals, caseId: zaak.id, documentedSuspicion: true, consultedTiers: ['identifying', 'low'] }),
        );
        expect([...(await consultedTiers(db, [zaak.id, 'another-case', 'none'])).entries()]).toEqual([
          [zaak.id, ['identifying', 'low']],
          ['another-case', ['financial']],
          ['none', []],
        ]);
      } finally {
        await db.close();
      }
    });

    test('released tiers are read from grouped decision records and from records of one field alike', async () => {
      const db = await backend.open();
      try {
        await storeDecision(db, 'case-a', 'identifying', 'allow');
        // A grouped record: a released financial field beside a refused special-category one.
        await storeGroupedDecision(db, 'case-a', [['financial', 'minimise'], ['special-category', 'deny']]);
        await storeGroupedDecision(db, 'case-a', [['financial', 'allow'], ['low', 'allow']]);
        // Nothing released, or only the case file's own fields: no tier consulted.
        await storeGroupedDecision(db, 'case-a', [['criminal-law', 'deny']]);
        await storeGroupedDecision(db, 'case-a', [['criminal-law', 'allow']], 'project');
        await storeGroupedDecision(db, 'case-b', [['criminal-law', 'allow']]);
        expect([...(await consultedTiers(db, ['case-a', 'case-b', 'case-c'])).entries()]).toEqual([
          ['case-a', ['financial', 'identifying', 'low']],
          ['case-b', ['criminal-law']],
          ['case-c', []],
        ]);
        // The grouped records are found through the new index, not by reading every record.
        await db.query('SET enable_seqscan = off');
        const { rows } = await db.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN SELECT (body -> 'released_tiers')::text FROM audit_log WHERE kind = 'decision' AND body -> 'released_tiers' <> '[]'::jsonb AND body ->> 'owner' <> 'project' AND body ->> 'case_id' = 'case-a' ORDER BY (body -> 'released_tiers')::text LIMIT 1`,
        );
        expect(rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('audit_log_released_tier_sets');
      } finally {
        await db.close();
      }
    });

    test('a person registered in the area on the reference date is in scope; one who moved out the day before is not', async () => {
      const db = await backend.open();
      try {
        await importSignals(db, P, SIGNALS);
        const facts = createStoreFacts({ db, registers: fakeRegisters().registers });
        const [resident, movedOut] = await facts.load([entity('person', BSN.resident, 0), entity('person', BSN.movedOut, 1)], query('2026-11-15'));
        const signals = { partners: ['woningcorporatie', 'belastingdienst'], kinds: ['overlast', 'toeslagen-afwijkend'] };
        expect(resident).toEqual(addressFacts(ADRES.twoPartners, { kind: 'person', subjectId: BSN.resident, secrecy: false, signals }));
        expect(movedOut).toEqual(
          addressFacts(ADRES.outside, { kind: 'person', subjectId: BSN.movedOut, secrecy: false, inScope: false }),
        );
      } finally {
        await db.close();
      }
    });

    test('one call per register and one query per table for all entities of a question', async () => {
      const store = await backend.open();
      try {
        await importSignals(store, P, SIGNALS);
        await openCase(store, { project: P, adresId: ADRES.onePartner, openedBy: 'coordinator-1', reason: 'Two police reports in two months.', openedAt: OPENED_AT });
        const { registers, calls } = fakeRegisters();
        const { db, queries } = recordingQueries(store);
        await createStoreFacts({ db, registers }).load(ENTITIES, query('2026-11-15'));
        expect(calls).toEqual([
          { kind: 'persons', ids: [BSN.resident, BSN.movedOut, BSN.secret, BSN.unregistered, BSN.unknown] },
          { kind: 'addresses', ids: [ADRES.twoPartners, ADRES.onePartner, ADRES.quiet, ADRES.outside, ADRES.unknown] },
        ]);
        expect(queries.map(tableOf)).toEqual(['signals', 'cases', 'audit_log']);
      } finally {
        await store.close();
      }
    });

    test('an address is looked up and queried once per request: a later question about its residents reuses its facts', async () => {
      const store = await backend.open();
      try {
        await importSignals(store, P, SIGNALS);
        const { registers, calls } = fakeRegisters();
        const { db, queries } = recordingQueries(store);
        const facts = createStoreFacts({ db, registers });
        const signals = { partners: ['woningcorporatie', 'belastingdienst'], kinds: ['overlast', 'toeslagen-afwijkend'] };
        const request = query('2026-11-15');

        expect(await facts.load([entity('address', ADRES.twoPartners)], request)).toEqual([addressFacts(ADRES.twoPartners, { signals })]);
        expect(await facts.load([entity('person', BSN.resident), entity('person', BSN.secret)], request)).toEqual([
          addressFacts(ADRES.twoPartners, { kind: 'person', subjectId: BSN.resident, secrecy: false, signals }),
          addressFacts(ADRES.onePartner, {
            kind: 'person',
            subjectId: BSN.secret,
            secrecy: true,
            signals: { partners: ['politie', 'politie'], kinds: ['overlast', 'hennep'] },
          }),
        ]);
        expect(calls).toEqual([
          { kind: 'addresses', ids: [ADRES.twoPartners] },
          { kind: 'persons', ids: [BSN.resident, BSN.secret] },
          { kind: 'addresses', ids: [ADRES.onePartner] },
        ]);
        expect(queries.map(tableOf)).toEqual(['signals', 'cases', 'audit_log', 'signals', 'cases', 'audit_log']);

        // Another request loads the address again.
        await facts.load([entity('person', BSN.resident)], query('2026-11-15'));
        expect(calls.slice(3)).toEqual([
          { kind: 'persons', ids: [BSN.resident] },
          { kind: 'addresses', ids: [ADRES.twoPartners] },
        ]);
      } finally {
        await store.close();
      }
    });

    test('a failed address look-up fails the later questions of the request about it too', async () => {
      const store = await backend.open();
      try {
        let bagCalls = 0;
        const registers: RegisterLookup = {
          ...fakeRegisters().registers,
          addresses: () => {
            bagCalls += 1;
            return Promise.reject(new Error('register look-up: bag did not answer'));
          },
        };
        const facts = createStoreFacts({ db: store, registers });
        const request = query('2026-11-15');
        await expect(facts.load([entity('address', ADRES.twoPartners)], request)).rejects.toThrow('register look-up: bag did not answer');
        await expect(facts.load([entity('person', BSN.resident)], request)).rejects.toThrow('register look-up: bag did not answer');
        expect(bagCalls).toBe(1);
      } finally {
        await store.close();
      }
    });

    test('gives the same facts as the in-memory provider over the same records', async () => {
      const db = await backend.open();
      try {
        await importSignals(db, P, SIGNALS);
        const zaak = await openCase(db, { project: P, adresId: ADRES.onePartner, openedBy: 'coordinator-1', reason: 'Two police reports in two months.', openedAt: OPENED_AT });
        await addFinding(db, { caseId: zaak.id, kind: 'huisbezoek', note: 'A cannabis plantation in the attic.', recordedBy: 'handhaver-3', recordedAt: OPENED_AT });
        await storeDecision(db, zaak.id, 'identifying', 'allow');
        const [open] = (await findOpenCases(db, P, [ADRES.onePartner])).get(ADRES.onePartner)!;
        const inMemory = createInMemoryFacts({
          ...RECORDS,
          cases: [{ id: open!.id, project: P, adresId: ADRES.onePartner, open: true, documentedSuspicion: true, consultedTiers: ['identifying'] }],
        });
        const stored = createStoreFacts({ db, registers: fakeRegisters().registers });
        for (const today of ['2026-02-17', '2026-06-14', '2026-06-15', '2026-11-15']) {
          expect(await stored.load(ENTITIES, query(today))).toEqual(await inMemory.load(ENTITIES, query(today)));
        }
      } finally {
        await db.close();
      }
    });

    test('fails when a register cannot answer (the store, read meanwhile, is not used)', async () => {
      const store = await backend.open();
      try {
        const registers: RegisterLookup = {
          addresses: () => Promise.reject(new Error('register look-up: bag did not answer within 5000 ms (SUBGRAPH_TIMEOUT)')),
          persons: () => Promise.reject(new Error('register look-up: brp did not answer')),
        };
        const { db, queries } = recordingQueries(store);
        await expect(createStoreFacts({ db, registers }).load([entity('address', ADRES.twoPartners)], query('2026-11-15'))).rejects.toThrow(
          'register look-up: bag did not answer within 5000 ms (SUBGRAPH_TIMEOUT)',
        );
        expect(queries.map(tableOf)).toEqual(['signals', 'cases', 'audit_log']);
      } finally {
        await store.close();
      }
    });
  });
}
