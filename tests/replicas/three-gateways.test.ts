/**
 * Several gateways on one PostgreSQL, as operators run replicas behind a load balancer. Three
 * gateway processes share one database (a schema of their own here) and one data folder (the keys:
 * caller verification, partner tokens, checkpoints, pseudonyms). Under concurrent load across all
 * three, a selection made through one replica is seen by the next request through another, the
 * audit chain verifies with no lost, duplicated or unchained record, and every answered request has
 * exactly its records. PostgreSQL only: PGlite is one process's database.
 */
import { randomBytes } from 'node:crypto';
// Caller trace ids the gateway continues: none holds nine digits that pass the 11-test (context/trace.ts).
import { newSpanId, newTraceId } from '../../gateway/context/trace.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPublicSigningKey } from '../../gateway/audit/keys.ts';
import { verifyChain } from '../../gateway/audit/verify.ts';
import { ensureLocalIssuer } from '../../gateway/identity/local-issuer.ts';
import { openStore } from '../../gateway/store/open.ts';
import { PROJECT } from '../helpers/product.ts';
import { startProductProcess, type ProductProcess } from '../helpers/product-process.ts';

const databaseUrl = process.env.DATABASE_URL ?? '';
const REPLICAS = 3;
const CLIENTS_PER_REPLICA = 3;
const REQUESTS_PER_CLIENT = 12;
/** Two BRP fields about one person: each answered request has one decision record (the person and the BRP's call) of two fields, and the gateway's processing record. */
const QUERY = '{ persoon(bsn: "999990007") { naam { geslachtsnaam } geboortedatum } }';
const FULL = { persoon: { naam: { geslachtsnaam: 'Verhoeven' }, geboortedatum: '1994-05-12' } };
const ADRES = '9999200000900001';
/** Each request about the person counts one against the user's day: every load client uses its day up exactly. */
const PERSONS_PER_DAY = REQUESTS_PER_CLIENT;

describe.runIf(databaseUrl !== '')('three gateways on one PostgreSQL', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  });

  it('keeps one verifiable audit chain and one state under load across the replicas', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'doelpoort-replicas-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const issuer = await ensureLocalIssuer(dataDir);

    const schema = `replicas_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    cleanups.push(async () => {
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    });
    const url = new URL(databaseUrl);
    url.searchParams.set('options', `-c search_path=${schema}`);
    await admin.query(`CREATE SCHEMA ${schema}`);

    // Started together: migrations, signals and keys must not race each other into a failed start.
    const replicas: ProductProcess[] = await Promise.all(
      Array.from({ length: REPLICAS }, () => startProductProcess(dataDir, { env: { DATABASE_URL: url.toString(), DOELPOORT_LIMITS_MAX_PERSONS_PER_USER_PER_DAY: String(PERSONS_PER_DAY) } })),
    );
    for (const replica of replicas) {
      cleanups.push(async () => {
        if (replica.child.exitCode === null && replica.child.signalCode === null) replica.child.kill('SIGKILL');
        await replica.exited;
      });
    }

    const ask = async (replica: ProductProcess, token: string, query: string, traceId = newTraceId()) => {
      const response = await fetch(replica.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          'x-doelpoort-project': PROJECT,
          'x-doelpoort-purpose': 'uitkeringsfraude',
          traceparent: `00-${traceId}-${newSpanId()}-01`,
        },
        body: JSON.stringify({ query }),
      });
      return { traceId, status: response.status, body: (await response.json()) as { data?: unknown; errors?: { extensions?: { rule?: string } }[] } };
    };

    // A selection through the first replica is seen at once through the others.
    const coordinator = await issuer.sign({ id: 'coordinator-1', organisation: 'sociale-dienst', roles: ['coordinator'], projects: [PROJECT] });
    const selected = await ask(
      replicas[0]!,
      coordinator,
      `mutation { selecteerAdres(project: "${PROJECT}", adresId: "${ADRES}", reden: "Overlapping signals of two partners on this address.") { id } }`,
    );
    expect(selected.body.errors).toBeUndefined();
    for (const replica of replicas.slice(1)) {
      const seen = await ask(replica, coordinator, `{ projectAdressen(project: "${PROJECT}") { items { adres { adresId } geselecteerd } } }`);
      const items = (seen.body.data as { projectAdressen: { items: { adres: { adresId: string }; geselecteerd: boolean }[] } }).projectAdressen.items;
      expect(items.find((item) => item.adres.adresId === ADRES)?.geselecteerd).toBe(true);
    }

    // Load: clients on every replica at once.
    const analists = await Promise.all(
      Array.from({ length: REPLICAS * CLIENTS_PER_REPLICA }, (_, i) =>
        issuer.sign({ id: `analist-${i}`, organisation: 'belastingdienst', roles: ['analist'], projects: [PROJECT] }),
      ),
    );
    const answers = (
      await Promise.all(
        analists.map(async (token, i) => {
          const mine = [];
          for (let n = 0; n < REQUESTS_PER_CLIENT; n++) mine.push(await ask(replicas[i % REPLICAS]!, token, QUERY));
          return mine;
        }),
      )
    ).flat();
    expect(answers.map((a) => ({ status: a.status, data: a.body.data }))).toEqual(answers.map(() => ({ status: 200, data: FULL })));

    // The daily person limit is one count across the replicas: a user's day, used up through all
    // three, is used up on each.
    const spent = analists[0]!;
    for (const replica of replicas) {
      const refused = await ask(replica, spent, QUERY);
      expect(refused.body.data).toEqual({ persoon: { naam: null, geboortedatum: null } });
      expect(new Set(refused.body.errors?.map((e) => e.extensions?.rule))).toEqual(new Set(['dragnet.persons-per-day']));
    }

    // Checkpoints on time from every replica; then the chain with the shared key, and every record counted.
    for (const replica of replicas) {
      replica.child.kill('SIGTERM');
      expect(await replica.exited).toEqual({ code: 0, signal: null });
    }
    const db = await openStore({ databaseUrl, schema });
    try {
      const verdict = await verifyChain(db, await loadPublicSigningKey(join(dataDir, 'keys', 'audit-signing.public.jwk')));
      expect(verdict).toMatchObject({ ok: true, first: 1 });
      const seqs = await db.query<{ n: number; distinct_seq: number; low: number; high: number }>(
        'SELECT count(*)::int AS n, count(DISTINCT seq)::int AS distinct_seq, min(seq)::int AS low, max(seq)::int AS high FROM audit_log',
      );
      const { n, distinct_seq, low, high } = seqs.rows[0]!;
      expect({ distinct: distinct_seq, low, high }).toEqual({ distinct: n, low: 1, high: n });

      const traces = answers.map((a) => a.traceId);
      expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_checkpoints')).rows[0]!.n).toBeGreaterThan(0);
      const perTrace = await db.query<{ trace_id: string; decisions: number; fields: number; gateway: number }>(
        `SELECT body->>'trace_id' AS trace_id,
                count(*) FILTER (WHERE kind = 'decision')::int AS decisions,
                coalesce(sum(jsonb_array_length(body->'fields')) FILTER (WHERE kind = 'decision'), 0)::int AS fields,
                count(*) FILTER (WHERE kind = 'processing' AND body->>'partner' IS NULL)::int AS gateway
           FROM audit_log WHERE body->>'trace_id' = ANY($1::text[]) GROUP BY 1`,
        [traces],
      );
      expect(perTrace.rows.length).toBe(traces.length);
      expect(perTrace.rows.filter((row) => row.decisions !== 1 || row.fields !== 2 || row.gateway !== 1)).toEqual([]);
    } finally {
      await db.close();
    }
  }, 300_000);
});
