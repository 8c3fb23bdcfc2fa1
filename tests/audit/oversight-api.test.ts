/**
 * A privacy officer's read of the audit API is itself a processing (docs/audit.md, "Oversight is a
 * processing too"): per route, exactly the oversight processing records expected, in the same
 * chain, before the answer; a store that fails on write gives 503 and no data; no record holds a
 * plain BSN or address id; explain writes no decision record.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pseudonymise } from '../../gateway/audit/pseudonym.ts';
import { createAuditWriter } from '../../gateway/audit/writer.ts';
import type { Caller } from '../../gateway/context/types.ts';
import { createDryRunFacts } from '../../gateway/facts/dry-run.ts';
import { AuthenticationError } from '../../gateway/identity/errors.ts';
import { createAuditApi } from '../../gateway/server/audit-api.ts';
import type { Db } from '../../gateway/store/db.ts';
import { data, schema } from '../explain/world.ts';
import { backends, failingAt } from './backends.ts';
import { ADRES_ID, BSN, decision, KEY, OTHER_BSN, processing } from './fixtures.ts';

const PERSON = pseudonymise('person', BSN, KEY);
const OTHER_PERSON = pseudonymise('person', OTHER_BSN, KEY);
const ADDRESS = pseudonymise('address', ADRES_ID, KEY);
const NOW = '2026-03-02T09:00:00.000Z';
const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT = '00f067aa0ba902b7';
const OFFICER: Caller = { id: 'fg-brp-1', organisation: 'brp', roles: ['privacy-officer'], projects: [] };
const ANALYST: Caller = { id: 'bd-analist-1', organisation: 'belastingdienst', roles: ['analist'], projects: ['wijkaanpak-2026'] };
const EXPLAIN_CONTEXT = { organisation: 'belastingdienst', roles: ['analist'], projects: ['wijkaanpak-2026'], project: 'wijkaanpak-2026', purpose: 'uitkeringsfraude' };
const UNAVAILABLE = { error: { code: 'AUDIT_UNAVAILABLE', message: 'The audit store could not answer. Try again shortly.' } };

/**
 * seq 1-3  trace 1 about PERSON in klingerberg-2025: processing, allow Persoon.toeslagen, deny Persoon.zorgbetrokkenheid
 * seq 4    trace 2 about the ADDRESS in klingerberg-2025: allow Adres.oppervlakte on a justification, flagged for review
 * seq 5    trace 3 about OTHER_PERSON in other-project: deny
 */
const SEEDED = [
  processing({ subject_pseudonym: PERSON }),
  decision({ subject_pseudonym: PERSON }),
  decision({ subject_pseudonym: PERSON, resource: 'Persoon.zorgbetrokkenheid', owner: 'wijkteam', outcome: 'deny', principle: 'doelbinding', rule: 'doelbinding.care-only-for-help', reason: 'care data serves help only', tier: 'special-category' }),
  decision({ trace_id: '2'.padStart(32, '0'), subject_pseudonym: ADDRESS, subject_type: 'address', resource: 'Adres.oppervlakte', owner: 'bag', tier: 'low', justification: 'the register data cannot show the number of units', flagged_for_review: true }),
  decision({ trace_id: '3'.padStart(32, '0'), subject_pseudonym: OTHER_PERSON, project: 'other-project', outcome: 'deny', principle: 'scope', rule: 'scope.address-in-area', reason: 'out of the project area' }),
];

/** The oversight record the route should write for one subject. */
function oversight(route: string, subject: string, type: 'person' | 'address') {
  return {
    kind: 'processing',
    body: {
      trace_id: TRACE,
      span_id: expect.stringMatching(/^[0-9a-f]{16}$/),
      parent_span_id: PARENT,
      name: `Privacy oversight: ${route}`,
      status: 'ok',
      started_at: NOW,
      ended_at: NOW,
      processing_activity_id: 'toezicht',
      processing_activity_version: '1',
      subject_pseudonym: subject,
      subject_type: type,
      partner: null,
      partner_reference: null,
      organisation: 'brp',
      caller_id: 'fg-brp-1',
      confidential: false,
      confidential_until: null,
    },
  };
}

for (const backend of backends) {
  describe.runIf(backend.enabled)(`the privacy officer's reads are recorded, on ${backend.name}`, () => {
    let db: Db;
    let server: Server;
    let origin: string;
    let storeFails = false;

    beforeAll(async () => {
      db = await backend.open();
      const writer = createAuditWriter(failingAt(db, /INSERT INTO audit_log/, () => storeFails));
      await writer.write(SEEDED);
      const api = createAuditApi({
        db,
        writer,
        pseudonymKey: KEY,
        checkpointPublicKey: (await generateKeyPair('ES256')).publicKey,
        authenticate: async (header) => {
          if (header === 'Bearer officer') return OFFICER;
          if (header === 'Bearer analyst') return ANALYST;
          throw new AuthenticationError('TOKEN_MALFORMED', 'unknown test token');
        },
        explain: { schema, data, facts: createDryRunFacts({ db }) },
        oversightActivity: { id: 'toezicht', version: 1 },
        now: () => new Date(NOW),
      });
      server = createServer((req, res) => void api(req, res, new URL(req.url ?? '/', 'http://audit.test')));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      await new Promise((resolve) => server?.close(resolve));
      await db?.close();
    });

    async function call(method: 'GET' | 'POST', path: string, body?: unknown, token = 'officer'): Promise<{ status: number; body: unknown }> {
      const response = await fetch(`${origin}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, traceparent: `00-${TRACE}-${PARENT}-01`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, body: await response.json() };
    }
    const head = async () => (await db.query<{ seq: number | null }>('SELECT max(seq) AS seq FROM audit_log')).rows[0]!.seq ?? 0;
    const recordsAfter = async (seq: number) =>
      (await db.query<{ kind: string; body: Record<string, unknown> }>('SELECT kind, body FROM audit_log WHERE seq > $1 ORDER BY seq', [seq])).rows;
    /** Calls the route and returns its answer and the records it wrote. */
    async function read(method: 'GET' | 'POST', path: string, body?: unknown, token?: string) {
      const before = await head();
      const answer = await call(method, path, body, token);
      return { ...answer, written: await recordsAfter(before) };
    }

    const seqs = (body: unknown) => (body as { items: { seq: number }[] }).items.map((item) => item.seq);

    test('POST /audit/person-access: one record for the person looked up', async () => {
      const { status, body, written } = await read('POST', '/audit/person-access', { bsn: BSN });
      expect(status).toBe(200);
      expect(seqs(body)).toEqual([1, 2, 3]);
      expect(written).toEqual([oversight('POST /audit/person-access', PERSON, 'person')]);
    });

    test('POST /audit/person-access: a person with nothing in the log is still looked up, and recorded', async () => {
      const { status, body, written } = await read('POST', '/audit/person-access', { bsn: '999990020' });
      expect([status, body]).toEqual([200, { items: [], next: null }]);
      expect(written).toEqual([oversight('POST /audit/person-access', pseudonymise('person', '999990020', KEY), 'person')]);
    });

    test('POST /audit/subject-access-report: one record for the person the report is about', async () => {
      const { status, body, written } = await read('POST', '/audit/subject-access-report', { bsn: OTHER_BSN });
      // The refused look-up of seq 5 processed their number: listed as refused, with no data.
      const refused = { when: '2025-03-04T10:00:00.000Z', organisation: 'gemeente-venlo', project: 'other-project', purpose: 'uitkeringsfraude', processing_activities: [], data: [], refused: true };
      expect([status, body]).toEqual([200, { subject_type: 'person', entries: [refused] }]);
      expect(written).toEqual([oversight('POST /audit/subject-access-report', OTHER_PERSON, 'person')]);
    });

    test('GET /audit/projects/<id>/access: one record per subject listed', async () => {
      const { status, body, written } = await read('GET', '/audit/projects/klingerberg-2025/access');
      expect(status).toBe(200);
      expect(seqs(body)).toEqual([2, 3, 4]);
      const route = 'GET /audit/projects/klingerberg-2025/access';
      expect(written).toEqual([oversight(route, PERSON, 'person'), oversight(route, ADDRESS, 'address')]);
      expect(new Set(written.map((r) => r.body['span_id'])).size).toBe(1);
    });

    test('GET /audit/refusals: one record per subject listed; an empty page records nothing', async () => {
      const all = await read('GET', '/audit/refusals');
      expect(seqs(all.body)).toEqual([3, 5]);
      expect(all.written).toEqual([oversight('GET /audit/refusals', PERSON, 'person'), oversight('GET /audit/refusals', OTHER_PERSON, 'person')]);
      const none = await read('GET', '/audit/refusals?project=wijkaanpak-2030');
      expect([none.status, none.body, none.written]).toEqual([200, { items: [], next: null }, []]);
    });

    test('GET /audit/reviews: one record per subject listed; marking one reviewed writes only the review', async () => {
      const listed = await read('GET', '/audit/reviews');
      expect(seqs(listed.body)).toEqual([4]);
      expect(listed.written).toEqual([oversight('GET /audit/reviews', ADDRESS, 'address')]);
      const marked = await read('POST', '/audit/reviews/4', { note: 'acceptable' });
      expect(marked.status).toBe(200);
      expect(marked.written).toEqual([{ kind: 'review', body: { target_seq: 4, reviewed_by: 'fg-brp-1', reviewed_at: NOW, note: 'acceptable' } }]);
    });

    test('a refusal is marked reviewed too, once; the reviewed list says by whom and when, and is a read of its subjects', async () => {
      const marked = await read('POST', '/audit/reviews/3', {});
      expect([marked.status, marked.written]).toEqual([200, [{ kind: 'review', body: { target_seq: 3, reviewed_by: 'fg-brp-1', reviewed_at: NOW, note: null } }]]);
      const again = await read('POST', '/audit/reviews/3', { note: 'twice' });
      expect([again.status, again.body, again.written]).toEqual([409, { error: { code: 'ALREADY_REVIEWED', message: `seq 3 was already reviewed by fg-brp-1 at ${NOW}` } }, []]);
      const plainRelease = await read('POST', '/audit/reviews/2', {});
      expect([plainRelease.status, plainRelease.body, plainRelease.written]).toEqual([404, { error: { code: 'NOT_FOUND', message: 'seq 2 is not a refusal or a release on a written justification' } }, []]);
      // A seq beyond any the log can hold is a caller's mistake like any other, not the store failing.
      const beyond = await read('POST', '/audit/reviews/99999999999999999999', {});
      expect([beyond.status, (beyond.body as { error: { code: string } }).error.code, beyond.written]).toEqual([404, 'NOT_FOUND', []]);

      type Reviewed = { items: { seq: number; review: { reviewed_by: string; reviewed_at: string; note: string | null } | null }[] };
      const refused = await call('GET', '/audit/refusals');
      expect((refused.body as Reviewed).items.map((item) => [item.seq, item.review?.reviewed_by ?? null])).toEqual([[3, 'fg-brp-1'], [5, null]]);
      const done = await read('GET', '/audit/reviews?status=reviewed');
      expect((done.body as Reviewed).items.map((item) => [item.seq, item.review?.reviewed_by, item.review?.reviewed_at, item.review?.note])).toEqual([
        [3, 'fg-brp-1', NOW, null],
        [4, 'fg-brp-1', NOW, 'acceptable'],
      ]);
      expect(done.written).toEqual([oversight('GET /audit/reviews', PERSON, 'person'), oversight('GET /audit/reviews', ADDRESS, 'address')]);
      expect(seqs((await call('GET', '/audit/reviews?status=reviewed&project=other-project')).body)).toEqual([]);
      expect(await call('GET', '/audit/reviews?status=done')).toMatchObject({ status: 400 });
    });

    test('POST /audit/explain: a record for the address whose facts the dry run read, and no decision record', async () => {
      const { status, body, written } = await read('POST', '/audit/explain', { query: `{ adres(adresId: "${ADRES_ID}") { straat } }`, context: EXPLAIN_CONTEXT });
      expect(status).toBe(200);
      expect((body as { fields: { path: string; stage: string }[] }).fields.map((f) => [f.path, f.stage])).toEqual([['adres.straat', 'entity']]);
      expect(written).toEqual([oversight('POST /audit/explain', ADDRESS, 'address')]);
    });

    test('POST /audit/explain: a person the dry run reads nothing about, and GET /audit/chain, record nothing', async () => {
      const explained = await read('POST', '/audit/explain', { query: `{ persoon(bsn: "${BSN}") { toeslagen { jaarbedrag } } }`, context: EXPLAIN_CONTEXT });
      expect((explained.body as { fields: { path: string; stage: string }[] }).fields.map((f) => [f.path, f.stage])).toEqual([['persoon.toeslagen', 'run-time']]);
      expect(explained.written).toEqual([]);
      const chain = await read('GET', '/audit/chain');
      expect([chain.status, chain.written]).toEqual([200, []]);
    });

    test('a caller who may not use the API reads nothing and leaves no oversight record', async () => {
      const { status, written } = await read('POST', '/audit/person-access', { bsn: BSN }, 'analyst');
      expect([status, written]).toEqual([403, []]);
    });

    test('when the oversight record cannot be written: 503 and no data', async () => {
      storeFails = true;
      try {
        for (const [method, path, body] of [
          ['POST', '/audit/person-access', { bsn: BSN }],
          ['POST', '/audit/subject-access-report', { bsn: BSN }],
          ['GET', '/audit/projects/klingerberg-2025/access', undefined],
          ['GET', '/audit/refusals', undefined],
          ['POST', '/audit/explain', { query: `{ adres(adresId: "${ADRES_ID}") { straat } }`, context: EXPLAIN_CONTEXT }],
        ] as const) {
          const answer = await read(method, path, body);
          expect([path, answer.status, answer.body, answer.written]).toEqual([path, 503, UNAVAILABLE, []]);
        }
        // Reads about nobody need no record, so they still answer.
        expect((await read('GET', '/audit/refusals?project=wijkaanpak-2030')).status).toBe(200);
      } finally {
        storeFails = false;
      }
    });

    test('the chain is intact, no record holds a plain BSN or address id, and no decision was added', async () => {
      const { body } = await call('GET', '/audit/chain');
      expect(body).toMatchObject({ ok: true, records: await head(), first: 1 });
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log t WHERE t::text LIKE $1 OR t::text LIKE $2 OR t::text LIKE $3', [
        `%${BSN}%`,
        `%${OTHER_BSN}%`,
        `%${ADRES_ID}%`,
      ]);
      expect(rows[0]!.n).toBe(0);
      const decisions = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE kind = 'decision'");
      expect(decisions.rows[0]!.n).toBe(4);
    });
  });
}
