import { generateKeyPair } from 'jose';
import { describe, expect, test } from 'vitest';
import type { SigningKeys } from '../../gateway/audit/keys.ts';
import { oversightRecords, personSubject } from '../../gateway/audit/oversight-records.ts';
import { pseudonymise } from '../../gateway/audit/pseudonym.ts';
import {
  accessInProject,
  accessToPerson,
  awaitingReview,
  chainStatus,
  liftConfidentiality,
  markReviewed,
  refusals,
  reviewed,
  subjectAccessReport,
  withReviews,
} from '../../gateway/audit/queries.ts';
import { replayFromStore } from '../../gateway/audit/replay-store.ts';
import { createAuditWriter, type AuditWriter } from '../../gateway/audit/writer.ts';
import type { Db } from '../../gateway/store/db.ts';
import { backends } from './backends.ts';
import { ADRES_ID, asGrouped, BSN, decision as fieldDecision, fieldOutcome, groupedDecision, KEY, OTHER_BSN, processing } from './fixtures.ts';

const PERSON = pseudonymise('person', BSN, KEY);
const OTHER_PERSON = pseudonymise('person', OTHER_BSN, KEY);
const ADDRESS = pseudonymise('address', ADRES_ID, KEY);
const trace = (n: number) => n.toString(16).padStart(32, '0');
const OVERSIGHT = 'toezicht';

/** The subject-access report's entries for PERSON: seq 1-3 (venlo) and the confidential seq 4-5 (uwv). */
const VENLO_ENTRY = {
  when: '2025-03-04T10:00:00.000Z',
  organisation: 'gemeente-venlo',
  project: 'klingerberg-2025',
  purpose: 'uitkeringsfraude',
  processing_activities: [{ id: 'lsi-administratief-onderzoek', version: '1' }],
  data: [{ owner: 'belastingdienst', fields: ['Persoon.toeslagen'] }],
};
const UWV_ENTRY = {
  when: '2025-03-05T09:00:00.000Z',
  organisation: 'uwv',
  project: 'klingerberg-2025',
  purpose: 'uitkeringsfraude',
  processing_activities: [{ id: 'lsi-administratief-onderzoek', version: '1' }],
  data: [{ owner: 'uwv', fields: ['Persoon.uitkeringen'] }],
};

/**
 * seq 1-3  trace 1, venlo, about PERSON: processing (toeslagen call), allow Persoon.toeslagen, deny Persoon.zorgbetrokkenheid
 * seq 4-5  trace 2, uwv, about PERSON: confidential processing, minimise Persoon.uitkeringen (flagged, justified)
 * seq 6    trace 3, venlo, about OTHER_PERSON in another project: deny (a refused look-up)
 * seq 7    trace 4, venlo, about the ADDRESS: allow Adres.oppervlakte
 */
async function scenario(writer: AuditWriter, decision: typeof fieldDecision): Promise<void> {
  await writer.write([
    processing({ trace_id: trace(1), subject_pseudonym: PERSON }),
    decision({ trace_id: trace(1), subject_pseudonym: PERSON }),
    decision({ trace_id: trace(1), subject_pseudonym: PERSON, resource: 'Persoon.zorgbetrokkenheid', owner: 'wijkteam', outcome: 'deny', principle: 'doelbinding', rule: 'doelbinding.care-only-for-help', reason: 'care data serves help only', tier: 'special-category' }),
  ]);
  await writer.write([
    processing({ trace_id: trace(2), subject_pseudonym: PERSON, organisation: 'uwv', partner: 'uwv', started_at: '2025-03-05T09:00:00.000Z', confidential: true, confidential_until: null }),
    decision({ trace_id: trace(2), subject_pseudonym: PERSON, organisation: 'uwv', caller_id: 'uwv-inspecteur-3', resource: 'Persoon.uitkeringen', owner: 'uwv', outcome: 'minimise', transform: 'band', principle: 'subsidiariteit', rule: 'subsidiariteit.justified', justification: 'the employer data cannot show the hours worked', flagged_for_review: true, decided_at: '2025-03-05T09:00:00.000Z' }),
  ]);
  await writer.write([
    decision({ trace_id: trace(3), subject_pseudonym: OTHER_PERSON, project: 'other-project', outcome: 'deny', principle: 'scope', rule: 'scope.address-in-area', reason: 'out of the project area' }),
  ]);
  await writer.write([
    decision({ trace_id: trace(4), subject_pseudonym: ADDRESS, subject_type: 'address', resource: 'Adres.oppervlakte', owner: 'bag', tier: 'low' }),
  ]);
}

async function testKeys(): Promise<SigningKeys> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  return { privateKey, publicKey, kid: 'test' };
}

/**
 * Every query answers per field alike whether the log holds records of one field (as written
 * before) or grouped records (one per subject and partner call, here of one field each, at the
 * same seqs): a grouped record's field carries its index (`field`), and a review names it.
 */
const SHAPES = [
  { shape: 'records of one field', decision: fieldDecision, field: {} as { field?: number } },
  { shape: 'grouped records', decision: (overrides: Parameters<typeof fieldDecision>[0] = {}) => asGrouped(fieldDecision(overrides)), field: { field: 0 } as { field?: number } },
];

for (const backend of backends) for (const { shape, decision, field } of SHAPES) {
  /** How a review names the decision at seq, and its target in the review record. */
  const named = (seq: number) => `seq ${seq}${field.field !== undefined ? ` field ${field.field}` : ''}`;
  const target = (seq: number) => ({ target_seq: seq, ...(field.field !== undefined ? { target_field: field.field } : {}) });
  describe.runIf(backend.enabled)(`privacy officer queries on ${backend.name}, ${shape}`, () => {
    const withScenario = (run: (db: Db, writer: AuditWriter) => Promise<void>) => async () => {
      const db = await backend.open();
      try {
        const writer = createAuditWriter(db);
        await scenario(writer, decision);
        await run(db, writer);
      } finally {
        await db.close();
      }
    };

    test('access to one person, paged by seq', withScenario(async (db) => {
      const first = await accessToPerson(db, BSN, KEY, { limit: 3 });
      expect(first.items.map((e) => [e.seq, e.kind])).toEqual([[1, 'processing'], [2, 'decision'], [3, 'decision']]);
      expect(first.next).toBe(3);
      const second = await accessToPerson(db, BSN, KEY, { limit: 3, after: first.next! });
      expect(second.items.map((e) => [e.seq, e.kind])).toEqual([[4, 'processing'], [5, 'decision']]);
      expect(second.next).toBeNull();
      expect((await accessToPerson(db, OTHER_BSN, KEY)).items.map((e) => e.seq)).toEqual([6]);
      await expect(accessToPerson(db, BSN, KEY, { limit: 0 })).rejects.toThrow('limit must be an integer from 1 to 1000');
    }));

    test('a time range filters on commit time', withScenario(async (db) => {
      const all = await accessToPerson(db, BSN, KEY);
      const committed = all.items[0]!.recorded_at;
      expect((await accessToPerson(db, BSN, KEY, { from: committed })).items.length).toBe(5);
      expect((await accessToPerson(db, BSN, KEY, { to: committed })).items).toEqual([]);
    }));

    test('all access in a project, and refusals', withScenario(async (db) => {
      expect((await accessInProject(db, 'klingerberg-2025')).items.map((e) => e.seq)).toEqual([2, 3, 5, 7]);
      expect((await accessInProject(db, 'other-project')).items.map((e) => e.seq)).toEqual([6]);
      const denied = await refusals(db);
      expect(denied.items.map((e) => [e.seq, e.body.principle, e.body.rule])).toEqual([
        [3, 'doelbinding', 'doelbinding.care-only-for-help'],
        [6, 'scope', 'scope.address-in-area'],
      ]);
      expect((await refusals(db, { project: 'other-project' })).items.map((e) => e.seq)).toEqual([6]);
    }));

    test('justifications await review until marked reviewed; the review is itself a record', withScenario(async (db, writer) => {
      expect((await awaitingReview(db)).items.map((e) => [e.seq, e.field, e.body.justification])).toEqual([[5, field.field, 'the employer data cannot show the hours worked']]);
      const reviewSeq = await markReviewed(db, writer, 5, 'fg-venlo', { ...field, note: 'proportionate', now: new Date('2025-03-10T08:00:00.000Z') });
      expect(reviewSeq).toBe(8);
      expect((await awaitingReview(db)).items).toEqual([]);
      const review = (await db.query('SELECT kind, body FROM audit_log WHERE seq = 8')).rows[0];
      expect(review).toEqual({ kind: 'review', body: { ...target(5), reviewed_by: 'fg-venlo', reviewed_at: '2025-03-10T08:00:00.000Z', note: 'proportionate' } });
      // A decision is reviewed once; a plain release is nothing to review.
      await expect(markReviewed(db, writer, 5, 'fg-uwv', field)).rejects.toThrow(`${named(5)} was already reviewed by fg-venlo at 2025-03-10T08:00:00.000Z`);
      await expect(markReviewed(db, writer, 2, 'fg-venlo', field)).rejects.toThrow(`${named(2)} is not a refusal or a release on a written justification`);
      await expect(markReviewed(db, writer, 8, 'fg-venlo')).rejects.toThrow('seq 8 is not a refusal or a release on a written justification');
    }));

    test('a user holding the privacy-officer role too never reviews their own request', withScenario(async (db, writer) => {
      await expect(markReviewed(db, writer, 5, 'uwv-inspecteur-3', field)).rejects.toThrow(
        `${named(5)} was decided on a request of uwv-inspecteur-3; another privacy officer reviews it`,
      );
      expect((await awaitingReview(db)).items.map((e) => e.seq)).toEqual([5]);
    }));

    test('the same employee id at another organisation is another user, who may review', withScenario(async (db, writer) => {
      const { rows } = await db.query<{ body: { organisation: string } }>('SELECT body FROM audit_log WHERE seq = 5');
      const other = rows[0]!.body.organisation === 'brp' ? 'uwv' : 'brp';
      await expect(markReviewed(db, writer, 5, 'uwv-inspecteur-3', { ...field, organisation: rows[0]!.body.organisation })).rejects.toThrow('another privacy officer reviews it');
      await markReviewed(db, writer, 5, 'uwv-inspecteur-3', { ...field, organisation: other });
      expect((await awaitingReview(db)).items).toEqual([]);
    }));

    test('refusals are marked reviewed too; the reviewed list shows by whom and when, and the chain holds the marks', withScenario(async (db, writer) => {
      expect((await withReviews(db, await refusals(db))).items.map((e) => [e.seq, e.review])).toEqual([[3, null], [6, null]]);
      expect(await markReviewed(db, writer, 6, 'fg-venlo', { ...field, now: new Date('2025-03-11T08:00:00.000Z') })).toBe(8);
      expect(await markReviewed(db, writer, 5, 'fg-uwv', { ...field, note: 'proportionate', now: new Date('2025-03-12T08:00:00.000Z') })).toBe(9);
      expect((await withReviews(db, await refusals(db))).items.map((e) => [e.seq, e.review])).toEqual([
        [3, null],
        [6, { seq: 8, ...target(6), reviewed_by: 'fg-venlo', reviewed_at: '2025-03-11T08:00:00.000Z', note: null }],
      ]);
      expect((await reviewed(db)).items.map((e) => [e.seq, e.body.outcome, e.review?.reviewed_by, e.review?.reviewed_at, e.review?.note])).toEqual([
        [5, 'minimise', 'fg-uwv', '2025-03-12T08:00:00.000Z', 'proportionate'],
        [6, 'deny', 'fg-venlo', '2025-03-11T08:00:00.000Z', null],
      ]);
      expect((await reviewed(db, { project: 'other-project' })).items.map((e) => e.seq)).toEqual([6]);
      expect(await chainStatus(db, (await testKeys()).publicKey)).toMatchObject({ ok: true, records: 9, first: 1 });
    }));

    test('the subject-access report hides a confidential processing until it is lifted', withScenario(async (db, writer) => {
      const now = new Date('2025-04-01T00:00:00.000Z');
      expect(await subjectAccessReport(db, { bsn: BSN, key: KEY, now, oversightActivityId: OVERSIGHT })).toEqual({ subject_type: 'person', entries: [VENLO_ENTRY] });
      await liftConfidentiality(db, writer, 4, 'fg-uwv', 'investigation closed', now);
      expect(await subjectAccessReport(db, { bsn: BSN, key: KEY, now, oversightActivityId: OVERSIGHT })).toEqual({
        subject_type: 'person',
        entries: [
          VENLO_ENTRY,
          UWV_ENTRY,
        ],
      });
      await expect(liftConfidentiality(db, writer, 1, 'fg', 'r', now)).rejects.toThrow('seq 1 is not a confidential processing record');
      // seq 6 looked the other person up and was refused: listed as such, without data (issue 12, item 8).
      expect((await subjectAccessReport(db, { bsn: OTHER_BSN, key: KEY, now, oversightActivityId: OVERSIGHT })).entries).toEqual([
        { when: '2025-03-04T10:00:00.000Z', organisation: 'gemeente-venlo', project: 'other-project', purpose: 'uitkeringsfraude', processing_activities: [], data: [], refused: true },
      ]);
    }));

    // Issue 12, item 8: a refused look-up of a BSN processed it, so the person's report lists it.
    test('the report lists a look-up refused on every field: when, which organisation, project and purpose, no data', async () => {
      const db = await backend.open();
      try {
        const writer = createAuditWriter(db);
        const refusedTrace = trace(9);
        await writer.write([
          decision({ trace_id: refusedTrace, request_id: 'req-refused', organisation: 'woningcorporatie', project: 'wijkaanpak-2026', purpose: 'woonfraude', resource: 'Persoon.naam', owner: 'brp', outcome: 'deny', principle: 'dragnet', rule: 'dragnet.no-selection', reason: 'no case', decided_at: '2026-11-20T09:00:00.000Z', tier: 'identifying' }),
          decision({ trace_id: refusedTrace, request_id: 'req-refused', organisation: 'woningcorporatie', project: 'wijkaanpak-2026', purpose: 'woonfraude', resource: 'Persoon.bsn', owner: 'brp', outcome: 'deny', principle: 'dragnet', rule: 'dragnet.no-selection', reason: 'no case', decided_at: '2026-11-20T09:00:00.000Z', tier: 'identifying' }),
        ]);
        expect(await subjectAccessReport(db, { bsn: BSN, key: KEY, now: new Date('2026-11-21T00:00:00.000Z'), oversightActivityId: OVERSIGHT })).toEqual({
          subject_type: 'person',
          entries: [
            {
              when: '2026-11-20T09:00:00.000Z',
              organisation: 'woningcorporatie',
              project: 'wijkaanpak-2026',
              purpose: 'woonfraude',
              processing_activities: [],
              data: [],
              refused: true,
            },
          ],
        });
        expect((await subjectAccessReport(db, { bsn: OTHER_BSN, key: KEY, now: new Date('2026-11-21T00:00:00.000Z'), oversightActivityId: OVERSIGHT })).entries).toEqual([]);
      } finally {
        await db.close();
      }
    });

    test("the report lists a privacy officer's read of the log, but none while anything about the person is hidden", withScenario(async (db, writer) => {
      const now = new Date('2025-04-01T00:00:00.000Z');
      const read = {
        officer: { id: 'fg-brp-1', organisation: 'brp', roles: ['privacy-officer'], projects: [] },
        trace: { traceId: trace(5), spanId: '00000000000000a5', flags: '01' },
        route: 'POST /audit/person-access',
        startedAt: new Date('2025-03-20T08:00:00.000Z'),
        endedAt: new Date('2025-03-20T08:00:00.010Z'),
        subjects: [personSubject(BSN, KEY)],
      };
      const [readSeq] = await writer.write(oversightRecords(read, { id: OVERSIGHT, version: 1 }));
      const { rows } = await db.query<{ recorded_at: Date }>('SELECT recorded_at FROM audit_log WHERE seq = $1', [readSeq]);
      const report = (options: { from?: Date } = {}) => subjectAccessReport(db, { bsn: BSN, key: KEY, now, oversightActivityId: OVERSIGHT, ...options });
      const oversight = { when: '2025-03-20T08:00:00.000Z', organisation: 'brp', project: null, purpose: null, processing_activities: [{ id: OVERSIGHT, version: '1' }], data: [] };
      // UWV's processing (seq 4) is confidential: the officer's read is hidden with it, also from a range that leaves seq 4 out.
      expect((await report()).entries).toEqual([VENLO_ENTRY]);
      expect((await report({ from: rows[0]!.recorded_at })).entries).toEqual([]);
      await liftConfidentiality(db, writer, 4, 'fg-uwv', 'investigation closed', now);
      expect((await report()).entries).toEqual([VENLO_ENTRY, UWV_ENTRY, oversight]);
      expect((await report({ from: rows[0]!.recorded_at })).entries).toEqual([oversight]);
    }));

    test('confidentiality lifts by itself at confidential_until', async () => {
      const db = await backend.open();
      try {
        await createAuditWriter(db).write([
          processing({ confidential: true, confidential_until: '2025-06-01T00:00:00.000Z' }),
          decision(),
        ]);
        expect((await subjectAccessReport(db, { bsn: BSN, key: KEY, now: new Date('2025-05-31T23:59:59.999Z'), oversightActivityId: OVERSIGHT })).entries).toEqual([]);
        expect((await subjectAccessReport(db, { bsn: BSN, key: KEY, now: new Date('2025-06-01T00:00:00.000Z'), oversightActivityId: OVERSIGHT })).entries.length).toBe(1);
      } finally {
        await db.close();
      }
    });

    test('no table holds the plain BSN or address id, even when one was typed into free text', withScenario(async (db, writer) => {
      await writer.write([
        processing({ name: `Look-up of ${BSN} at BRP` }),
        decision({ justification: `checked ${BSN} by hand first`, outcome: 'deny', reason: `refused for ${BSN}` }),
      ]);
      const tables = ['audit_log', 'audit_head', 'audit_checkpoints', 'schema_migrations', 'cases', 'findings', 'daily_counters'];
      for (const table of tables) {
        const { rows } = await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM ${table} t WHERE t::text LIKE $1 OR t::text LIKE $2`,
          [`%${BSN}%`, `%${ADRES_ID}%`],
        );
        expect([table, rows[0]!.n]).toEqual([table, 0]);
      }
      expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log')).rows[0]!.n).toBe(9);
    }));

    test('chain status', withScenario(async (db) => {
      expect(await chainStatus(db, (await testKeys()).publicKey)).toMatchObject({ ok: true, records: 7, first: 1, checkpoints: 0 });
    }));
  });
}

for (const backend of backends) {
  describe.runIf(backend.enabled)(`decision records of both shapes on ${backend.name}`, () => {
    test('a grouped record answers every query per field exactly as records of one field do', async () => {
      const now = new Date('2025-04-01T00:00:00.000Z');
      const unstamped = <T extends { recorded_at: Date; field?: number }>(page: { items: T[] }) => page.items.map(({ recorded_at: _at, field: _field, ...rest }) => rest);
      /** The answers of the log the scenario writes with these decision records (each store opened afresh). */
      const answers = async (decision: typeof fieldDecision) => {
        const db = await backend.open();
        try {
          await scenario(createAuditWriter(db), decision);
          return {
            person: unstamped(await accessToPerson(db, BSN, KEY)),
            project: unstamped(await accessInProject(db, 'klingerberg-2025')),
            refusals: unstamped(await withReviews(db, await refusals(db))),
            awaiting: unstamped(await awaitingReview(db)),
            report: await subjectAccessReport(db, { bsn: BSN, key: KEY, now, oversightActivityId: OVERSIGHT }),
          };
        } finally {
          await db.close();
        }
      };
      const before = await answers(fieldDecision);
      expect(before.person.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
      expect(await answers((overrides = {}) => asGrouped(fieldDecision(overrides)))).toEqual(before);
    });

    test('replay and verification read a log holding records of both shapes', async () => {
      const db = await backend.open();
      try {
        const limit = { outcome: 'deny' as const, principle: 'dragnet', rule: 'dragnet.persons-per-day', reason: 'limit' };
        await createAuditWriter(db).write([
          fieldDecision({ resource: 'Persoon.naam', owner: 'brp', ...limit }),
          groupedDecision([fieldOutcome({ resource: 'Persoon.naam', ...limit }), fieldOutcome({ resource: 'Persoon.bsn', ...limit })], { owner: 'brp' }),
        ]);
        // Decided outside the rules (no input): counted per field, by rule, from both shapes.
        expect(await replayFromStore(db, {})).toMatchObject({ records: 2, decisions: 3, replayed: 0, not_replayable: { total: 3, by_rule: { 'dragnet.persons-per-day': 3 } } });
        expect(await chainStatus(db, (await testKeys()).publicKey)).toMatchObject({ ok: true, records: 2, first: 1 });
      } finally {
        await db.close();
      }
    });

    test('a review marks one field of a grouped record; a record of one field keeps being reviewed by its seq', async () => {
      const db = await backend.open();
      try {
        const writer = createAuditWriter(db);
        const justified = 'the employer data cannot show the hours worked';
        await writer.write([
          fieldDecision({ outcome: 'deny', principle: 'scope', rule: 'scope.address-in-area', reason: 'out of the project area' }),
          groupedDecision(
            [
              fieldOutcome({ resource: 'Persoon.uitkeringen', field_path: 'persoon.uitkeringen' }),
              fieldOutcome({ resource: 'Persoon.dienstverbanden', field_path: 'persoon.dienstverbanden', rule: 'subsidiariteit.justified', principle: 'subsidiariteit', flagged_for_review: true }),
              fieldOutcome({ resource: 'Persoon.zorgtrajecten', field_path: 'persoon.zorgtrajecten', outcome: 'deny', principle: 'doelbinding', rule: 'doelbinding.care-only', reason: 'care data serves help only', tier: 'special-category' }),
            ],
            { owner: 'uwv', justification: justified },
          ),
        ]);
        const at = (day: number) => ({ now: new Date(`2025-03-1${day}T08:00:00.000Z`) });
        expect((await awaitingReview(db)).items.map((e) => [e.seq, e.field, e.body.resource])).toEqual([[2, 1, 'Persoon.dienstverbanden']]);
        expect((await refusals(db)).items.map((e) => [e.seq, e.field, e.body.resource, e.body.justification])).toEqual([
          [1, undefined, 'Persoon.toeslagen', null],
          [2, 2, 'Persoon.zorgtrajecten', justified],
        ]);
        // A grouped record is reviewed by field: without one, or on a field that is a plain release, nothing is written.
        await expect(markReviewed(db, writer, 2, 'fg-uwv')).rejects.toThrow('seq 2 is not a refusal or a release on a written justification');
        await expect(markReviewed(db, writer, 2, 'fg-uwv', { field: 0 })).rejects.toThrow('seq 2 field 0 is not a refusal or a release on a written justification');
        await expect(markReviewed(db, writer, 2, 'fg-uwv', { field: 3 })).rejects.toThrow('seq 2 field 3 is not a refusal or a release on a written justification');
        await expect(markReviewed(db, writer, 1, 'fg-uwv', { field: 0 })).rejects.toThrow('seq 1 field 0 is not a refusal or a release on a written justification');
        expect(await markReviewed(db, writer, 2, 'fg-uwv', { field: 1, note: 'proportionate', ...at(1) })).toBe(3);
        expect((await awaitingReview(db)).items).toEqual([]);
        await expect(markReviewed(db, writer, 2, 'fg-venlo', { field: 1 })).rejects.toThrow('seq 2 field 1 was already reviewed by fg-uwv at 2025-03-11T08:00:00.000Z');
        // The refused field of the same record is still to be reviewed, and so is the record of one field.
        expect((await withReviews(db, await refusals(db))).items.map((e) => [e.seq, e.field, e.review])).toEqual([
          [1, undefined, null],
          [2, 2, null],
        ]);
        expect(await markReviewed(db, writer, 1, 'fg-venlo', at(2))).toBe(4);
        expect(await markReviewed(db, writer, 2, 'fg-venlo', { field: 2, ...at(3) })).toBe(5);
        expect((await reviewed(db)).items.map((e) => [e.seq, e.field, e.body.resource, e.review])).toEqual([
          [1, undefined, 'Persoon.toeslagen', { seq: 4, target_seq: 1, reviewed_by: 'fg-venlo', reviewed_at: '2025-03-12T08:00:00.000Z', note: null }],
          [2, 1, 'Persoon.dienstverbanden', { seq: 3, target_seq: 2, target_field: 1, reviewed_by: 'fg-uwv', reviewed_at: '2025-03-11T08:00:00.000Z', note: 'proportionate' }],
          [2, 2, 'Persoon.zorgtrajecten', { seq: 5, target_seq: 2, target_field: 2, reviewed_by: 'fg-venlo', reviewed_at: '2025-03-13T08:00:00.000Z', note: null }],
        ]);
        expect(await chainStatus(db, (await testKeys()).publicKey)).toMatchObject({ ok: true, records: 5, first: 1 });
      } finally {
        await db.close();
      }
    });
  });
}
