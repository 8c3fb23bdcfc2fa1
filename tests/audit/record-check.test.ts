/**
 * The compiled record checks (gateway/audit/record-check.ts) give zod's verdict: on the records every
 * builder writes, and on each of them broken in many ways (a member removed, replaced by values of
 * the wrong type, length or format, an unknown key added), for every shape of the record's kind.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileCheck } from '../../gateway/audit/record-check.ts';
import { oversightRecords } from '../../gateway/audit/oversight-records.ts';
import { lookupRecords } from '../../gateway/audit/register-lookup-records.ts';
import { decisionRecord, fieldDecisionRecord, liftRecord, mutationRecord, parseAuditRecord, processingRecord, reviewRecord, type AuditRecord } from '../../gateway/audit/records.ts';
import { requestRecords } from '../../gateway/audit/request-records.ts';
import type { DecisionRecord as ExecutedDecision, ExecutionOutput } from '../../gateway/executor/types.ts';
import { FIELDS, person, request } from '../policy/fixtures.ts';
import { ADRES_ID, BSN, KEY, TRACE_ID, asGrouped, decision, fieldOutcome, groupedDecision, processing } from './fixtures.ts';

const at = new Date('2026-11-23T10:00:00Z');
const PSEUDONYM = 'ab'.repeat(32);

/** A request's records as the gateway builds them: decisions with and without input, minimised, denied, linked, and their processing records. */
function requestsRecords(): AuditRecord[] {
  const facts = person({ subjectId: BSN, addressId: ADRES_ID });
  const decided = (field: (typeof FIELDS)[keyof typeof FIELDS], decision: ExecutedDecision['decision'], withInput = true): ExecutedDecision => ({
    coordinate: field.coordinate,
    owner: field.owner,
    tier: field.classification.tier,
    subject: { kind: 'person', id: BSN },
    path: ['adres', 'bewoners', '0', field.coordinate.split('.')[1]!],
    round: 2,
    decision,
    ...(withInput ? { input: { request: request({ justification: 'signal 999990019 of the wijkteam' }), field, entity: facts, referenceDate: '2026-11-01' } } : {}),
  });
  const link = { kind: 'eigenaar' as const, partner: 'woningcorporatie', record: 'HUUR-1', addressId: ADRES_ID };
  const output: ExecutionOutput = {
    result: {},
    minimised: [],
    decisions: [
      decided(FIELDS.geslachtsnaam, { outcome: 'allow', rule: 'policy.allow', link }),
      decided(FIELDS.bsn, { outcome: 'minimise', principle: 'proportionaliteit', rule: 'proportionaliteit.tier-weight', reason: 'masked', transform: 'masked-bsn', caseId: 'ZAAK-2' }),
      decided(FIELDS.toeslagen, { outcome: 'deny', principle: 'subsidiariteit', rule: 'subsidiariteit.lower-tiers-first', reason: 'lower tiers first for 999990019' }),
      decided(FIELDS.inkomenJaar, { outcome: 'deny', principle: 'dragnet', rule: 'dragnet.persons-per-day', reason: 'limit' }, false),
    ],
    calls: [
      { graph: 'brp', spanId: '1111111111111111', startedAt: at, endedAt: at, ok: true, coordinates: ['Persoon.geslachtsnaam', 'Persoon.bsn'], round: 2 },
      { graph: 'belastingdienst', spanId: '2222222222222222', startedAt: at, endedAt: at, ok: false, coordinates: ['Persoon.toeslagen'], round: 2 },
    ],
  };
  const context = {
    requestId: 'req-1',
    traceId: TRACE_ID,
    spanId: '00f067aa0ba902b7',
    now: at,
    caller: { id: 'analist-1', organisation: 'sociale-dienst', roles: ['analist', 'coordinator'], projects: ['wijkaanpak-2026'] },
    purpose: { project: 'wijkaanpak-2026', purpose: 'woonfraude', caseId: 'ZAAK-1', justification: 'signal 999990019 of the wijkteam' },
  };
  const activity = { id: 'lsi-administratief-onderzoek', version: 2, purpose: 'woonfraude' };
  return requestRecords({ context, operationName: 'Gecombineerd999990019', startedAt: at, endedAt: at, output }, { pseudonymKey: KEY, policyVersion: 'sha256:v1', activities: [activity] });
}

/** The records of the gateway's builders of processing and decision records. */
function builtRecords(): AuditRecord[] {
  const officer = { id: 'fg-1', organisation: 'gemeente-venlo', roles: ['privacy-officer'], projects: [] };
  return [
    ...requestsRecords(),
    ...lookupRecords(
      [{ partner: 'brp', subjectType: 'person', subjectIds: [BSN], spanId: '3333333333333333', startedAt: at, endedAt: at, ok: true }],
      { traceId: TRACE_ID, spanId: '00f067aa0ba902b7', organisation: 'gemeente-venlo', activity: { id: 'lsi', version: 1 }, pseudonymKey: KEY },
    ),
    ...oversightRecords(
      { officer, trace: { traceId: TRACE_ID, spanId: '4444444444444444', parentSpanId: '5555555555555555', flags: '01' }, route: 'POST /audit/access', startedAt: at, endedAt: at, subjects: [{ pseudonym: PSEUDONYM, type: 'person' }] },
      { id: 'privacy-oversight', version: 1 },
    ),
  ];
}

/** Every builder's records, and hand-made bodies of every shape, of the kinds the gateway also writes from its APIs. */
function corpus(): AuditRecord[] {
  return [
    ...builtRecords(),
    processing(),
    processing({ caller_id: 'fg-1', confidential: true, confidential_until: '2027-01-01T00:00:00.000Z' }),
    decision(),
    asGrouped(decision()),
    groupedDecision([fieldOutcome({ field_path: 'adres.bewoners.0.toeslagen' }), fieldOutcome({ outcome: 'deny', principle: 'subsidiariteit', reason: 'r' })]),
    { kind: 'review', body: { target_seq: 7, target_field: 0, reviewed_by: 'fg-1', reviewed_at: '2026-11-23T10:00:00.000Z', note: 'seen' } },
    { kind: 'lift', body: { target_seq: 8, lifted_by: 'fg-1', lifted_at: '2026-11-23T10:00:00.000Z', reason: 'case closed' } },
    {
      kind: 'mutation',
      body: {
        trace_id: TRACE_ID,
        caller_id: 'coordinator-1',
        organisation: 'sociale-dienst',
        role: 'coordinator',
        project: 'wijkaanpak-2026',
        purpose: 'woonfraude',
        action: 'selecteerAdres',
        subject_pseudonym: PSEUDONYM,
        subject_type: 'address',
        case_id: null,
        reason: 'two partners',
        performed_at: '2026-11-23T10:00:00.000Z',
        processing_activity_id: 'lsi',
        processing_activity_version: '1',
      },
    },
  ];
}

const SHAPES: Record<AuditRecord['kind'], z.ZodObject[]> = {
  processing: [processingRecord],
  decision: [decisionRecord, fieldDecisionRecord],
  review: [reviewRecord],
  lift: [liftRecord],
  mutation: [mutationRecord],
};

/** Values of the wrong type, length or format for some member or other. */
const WRONG = [undefined, null, '', 'x', 'x'.repeat(2000), 'x'.repeat(2001), BSN, 'AB'.repeat(32), 'ab'.repeat(31), 'ab'.repeat(16), 'ab'.repeat(8), 'Persoon', 'persoon.naam', 'read', 'write', 'person', 'ok', 'allow', '2026-02-30', '2026-11-23', '2026-11-23T10:00:00Z', '2026-11-23T10:00:00.000+01:00', 0, 1, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, true, false, [], [1], ['x'], {}, { extra: 1 }];

type Json = Record<string, unknown> | unknown[];

/** The value with the member at `path` set to `to` (deleted when `to` is the DELETE mark). */
const DELETE = Symbol('delete');
function changed(value: unknown, path: readonly (string | number)[], to: unknown): unknown {
  if (path.length === 0) return to;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  const [head, ...rest] = path;
  const next = changed(copy[head!], rest, to);
  if (next === DELETE) delete copy[head!];
  else copy[head!] = next;
  return copy;
}

/** The paths of every member and element, at every depth. */
function paths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [];
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return keys.flatMap((key) => [[...at, key], ...paths((value as Record<string | number, unknown>)[key], [...at, key])]);
}

/** The record broken in every way this test knows, with the record as it is first. */
function variants(body: unknown): unknown[] {
  const out: unknown[] = [body, { ...(body as object), unknown_member: 'x' }];
  for (const path of paths(body)) {
    out.push(changed(body, path, DELETE));
    for (const wrong of WRONG) out.push(changed(body, path, wrong));
    const member = path.reduce<unknown>((v, key) => (v as Record<string | number, unknown>)[key], body);
    if (typeof member === 'object' && member !== null && !Array.isArray(member)) out.push(changed(body, path, { ...member, unknown_member: 'x' }));
    if (Array.isArray(member)) out.push(changed(body, path, [...(member as Json[]), 'x']));
  }
  return out;
}

describe('compiled record checks', () => {
  it("give zod's verdict on every builder's records and on each of them broken in every way", () => {
    const records = corpus();
    // Every shape is exercised, both ways.
    const seen = new Map<z.ZodObject, { passed: number; failed: number }>();
    let compared = 0;
    for (const record of records) {
      for (const shape of SHAPES[record.kind]) {
        const check = compileCheck(shape);
        const tally = seen.get(shape) ?? { passed: 0, failed: 0 };
        seen.set(shape, tally);
        for (const body of variants(record.body)) {
          const verdict = shape.safeParse(body).success;
          if (check(body) !== verdict) expect({ kind: record.kind, body, compiled: check(body) }).toEqual({ kind: record.kind, body, compiled: verdict });
          if (verdict) tally.passed += 1;
          else tally.failed += 1;
          compared += 1;
        }
      }
    }
    expect(compared).toBeGreaterThan(10_000);
    for (const shape of Object.values(SHAPES).flat()) expect(seen.get(shape)).toEqual({ passed: expect.any(Number), failed: expect.any(Number) });
    for (const [, tally] of seen) expect(tally.passed > 0 && tally.failed > 0).toBe(true);
  });

  it('every record the builders make fits its shape, is scrubbed of BSN-like numbers, and is written in canonical order', () => {
    for (const record of builtRecords()) {
      const checked = parseAuditRecord(record);
      const json = JSON.stringify(checked.body);
      expect(json).not.toContain(BSN);
      // Keys already in sorted order at every depth: the writer's canonical JSON is then one JSON.stringify.
      expect(json).toBe(JSON.stringify(sortedDeep(checked.body)));
    }
  });

  it('a record that fits no shape is refused, and zod names what is wrong', () => {
    const [first] = requestsRecords();
    expect(() => parseAuditRecord({ ...first!, body: { ...first!.body, subject_pseudonym: BSN } } as AuditRecord)).toThrow('audit record (decision): invalid subject_pseudonym');
    expect(() => parseAuditRecord(processing({ name: 'x'.repeat(2001) }))).toThrow('audit record (processing): invalid name');
  });

  it('refuses at start to compile what it does not know, rather than let it pass', () => {
    expect(() => compileCheck(z.object({ a: z.string() }))).toThrow('cannot compile an object that is not strict');
    expect(() => compileCheck(z.strictObject({ a: z.email() }))).toThrow('cannot compile the string format email');
    expect(() => compileCheck(z.strictObject({ a: z.string().startsWith('x') }))).toThrow('cannot compile the string check');
    expect(() => compileCheck(z.union([z.string(), z.number()]))).toThrow('cannot compile a schema of type union');
    expect(() => compileCheck(z.number().max(3))).toThrow('cannot compile the number check');
  });
});

function sortedDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedDeep);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortedDeep((value as Record<string, unknown>)[key])]));
}
