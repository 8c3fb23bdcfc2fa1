/**
 * Faults under load. The gateway runs as an operator runs it (its own process, `npm start`'s run),
 * the partners in processes of their own (subgraphs/serve.ts; BRP alone in one, so that it can be
 * killed), the store on PostgreSQL when DATABASE_URL is set (PGlite otherwise). While four clients
 * keep asking about a person, the test terminates the gateway's database connections (PostgreSQL
 * only), kills BRP and starts it again on the same port, and finally sends SIGTERM. It checks that
 * the process lives through every fault but the last, that it serves again within a bound after
 * each, that it stops gracefully, that no response carried data without its audit records, and
 * that the audit chain verifies afterwards.
 */
import { randomBytes } from 'node:crypto';
// Caller trace ids the gateway continues: none holds nine digits that pass the 11-test (context/trace.ts).
import { newSpanId, newTraceId } from '../../gateway/context/trace.ts';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPublicSigningKey } from '../../gateway/audit/keys.ts';
import { verifyChain } from '../../gateway/audit/verify.ts';
import { ensureLocalIssuer } from '../../gateway/identity/local-issuer.ts';
import { loadPolicyData } from '../../gateway/policy/load.ts';
import type { Db } from '../../gateway/store/db.ts';
import { createPartnerTokenSigner } from '../../gateway/partner-token/index.ts';
import { openStore } from '../../gateway/store/open.ts';
import { seedSignalsFromWorld } from '../../gateway/store/signals.ts';
import { defaultWorld } from '../../subgraphs/world/index.ts';
import { startPartnerProcess, type PartnerProcess } from '../helpers/partner-process.ts';
import { PROJECT } from '../helpers/product.ts';
import { startProductProcess, type ProductProcess } from '../helpers/product-process.ts';

const databaseUrl = process.env.DATABASE_URL ?? '';
const ADRES = '9999200000900001';
const QUERY = '{ persoon(bsn: "999990007") { naam { geslachtsnaam } geboortedatum } }';
const FULL = { persoon: { naam: { geslachtsnaam: 'Verhoeven' }, geboortedatum: '1994-05-12' } };
/** The bar: serving again within 5 s of the database accepting connections. */
const DATABASE_RECOVERY_MS = 5000;
const BREAKER_RESET_MS = 1000;
/** A restarted partner is called again once the circuit's reset time has passed. */
const PARTNER_RECOVERY_MS = BREAKER_RESET_MS + 5000;
const CLIENTS = 4;

interface Answer {
  traceId: string;
  /** The fault injected while the request was asked: none, the database's, or the partner's. */
  fault: 'none' | 'database' | 'partner';
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: { extensions?: { code?: string } }[] };
}

/** Any non-null leaf under data: the response carried data. */
function carriesData(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value !== 'object') return true;
  return Object.values(value).some(carriesData);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('faults under load', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  });

  it('survives lost database connections and a partner restart, stops on SIGTERM, and leaves no data without records', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'doelpoort-chaos-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const issuer = await ensureLocalIssuer(dataDir);

    // The store: a schema of its own on PostgreSQL, its connections named so that only they are terminated.
    const name = `chaos_${randomBytes(5).toString('hex')}`;
    let storeUrl: string | undefined;
    const admin = databaseUrl ? new pg.Client({ connectionString: databaseUrl }) : undefined;
    if (admin) {
      await admin.connect();
      cleanups.push(async () => {
        await admin.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
        await admin.end();
      });
      const url = new URL(databaseUrl);
      url.searchParams.set('application_name', name);
      url.searchParams.set('options', `-c search_path=${name}`);
      storeUrl = url.toString();
    }
    const openTheStore = (): Promise<Db> => (storeUrl ? openStore({ databaseUrl: databaseUrl, schema: name }) : openStore({ dataDir }));
    // The signals the embedded default lays itself; with configured partners the store holds them.
    const seeding = await openTheStore();
    for (const project of loadPolicyData('./policies').projects.values()) await seedSignalsFromWorld(seeding, defaultWorld(), project);
    await seeding.close();

    // The gateway's partner-token key, made before the product starts (it loads it from dataDir),
    // so the partners in their own processes verify its tokens as deployed partners do.
    const gatewayJwks = join(dataDir, 'gateway-jwks.json');
    await writeFile(gatewayJwks, JSON.stringify((await createPartnerTokenSigner({ dataDir })).jwks()));
    const others = await startPartnerProcess('all', gatewayJwks);
    cleanups.push(() => stop(others));
    let brp = await startPartnerProcess('brp', gatewayJwks);
    cleanups.push(() => stop(brp));
    const brpUrl = brp.urls.get('brp')!;
    const subgraphs = [...others.urls].filter(([partner]) => partner !== 'brp').map(([partner, url]) => `${partner}=${url}`);

    const product: ProductProcess = await startProductProcess(dataDir, {
      env: {
        DOELPOORT_SUBGRAPHS: [...subgraphs, `brp=${brpUrl}`].join(','),
        DOELPOORT_AUTH_JWKS_FILE: issuer.jwksFile,
        DOELPOORT_AUTH_ISSUER: issuer.issuer,
        DOELPOORT_AUTH_AUDIENCE: issuer.audience,
        DOELPOORT_AUTH_ALGORITHMS: 'ES256',
        DOELPOORT_SUBGRAPH_TIMEOUT_MS: '2000',
        DOELPOORT_PARTNERS_BREAKER_RESET_AFTER_MS: String(BREAKER_RESET_MS),
        ...(storeUrl ? { DATABASE_URL: storeUrl } : {}),
      },
    });
    cleanups.push(async () => {
      if (product.child.exitCode === null && product.child.signalCode === null) product.child.kill('SIGKILL');
      await product.exited;
    });
    const alive = () => product.child.exitCode === null && product.child.signalCode === null;

    const headers = (token: string) => ({ 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-doelpoort-project': PROJECT, 'x-doelpoort-purpose': 'uitkeringsfraude' });
    const coordinator = await issuer.sign({ id: 'coordinator-1', organisation: 'sociale-dienst', roles: ['coordinator'], projects: [PROJECT] });
    const selected = await fetch(product.url, {
      method: 'POST',
      headers: headers(coordinator),
      body: JSON.stringify({ query: `mutation { selecteerAdres(project: "${PROJECT}", adresId: "${ADRES}", reden: "Overlapping signals of two partners on this address.") { id } }` }),
    });
    expect(selected.status).toBe(200);
    const analist = await issuer.sign({ id: 'analist-1', organisation: 'belastingdienst', roles: ['analist'], projects: [PROJECT] });

    const answers: Answer[] = [];
    let fault: Answer['fault'] = 'none';
    const ask = async (): Promise<Answer> => {
      const asked = fault;
      const traceId = newTraceId();
      const response = await fetch(product.url, {
        method: 'POST',
        headers: { ...headers(analist), traceparent: `00-${traceId}-${newSpanId()}-01` },
        body: JSON.stringify({ query: QUERY }),
      });
      const answer = { traceId, fault: fault === 'none' ? asked : fault, status: response.status, body: (await response.json()) as Answer['body'] };
      answers.push(answer);
      return answer;
    };
    /** The moment a full answer comes back, polling from `since`; fails past `boundMs`. */
    const recoveredWithin = async (boundMs: number): Promise<number> => {
      const since = Date.now();
      while (Date.now() - since < boundMs) {
        const answer = await ask().catch(() => undefined);
        if (answer?.status === 200 && JSON.stringify(answer.body.data) === JSON.stringify(FULL)) return Date.now() - since;
        await sleep(50);
      }
      throw new Error(`not serving again within ${boundMs} ms`);
    };

    // Load: four clients asking without pause until SIGTERM; a refused connection after it ends a client.
    let loading = true;
    const clients = Array.from({ length: CLIENTS }, async () => {
      while (loading) await ask().catch(() => sleep(20));
    });
    expect(await recoveredWithin(10_000)).toBeGreaterThanOrEqual(0);

    if (admin) {
      fault = 'database';
      for (let round = 0; round < 3; round++) {
        const terminated = await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [name]);
        expect(terminated.rowCount).toBeGreaterThan(0);
        expect(await recoveredWithin(DATABASE_RECOVERY_MS)).toBeLessThan(DATABASE_RECOVERY_MS);
        expect(alive()).toBe(true);
      }
    }

    fault = 'partner';
    brp.child.kill('SIGKILL');
    await brp.exited;
    const whileDown = await ask();
    expect(whileDown.status).toBe(200);
    expect(whileDown.body.data).toEqual({ persoon: null });
    expect(whileDown.body.errors?.length).toBeGreaterThan(0);
    expect(new Set(whileDown.body.errors?.map((e) => e.extensions?.code))).toEqual(new Set(['SUBGRAPH_UNAVAILABLE']));
    await sleep(500);
    brp = await startPartnerProcess('brp', gatewayJwks, Number(new URL(brpUrl).port));
    expect(await recoveredWithin(PARTNER_RECOVERY_MS)).toBeLessThan(PARTNER_RECOVERY_MS);
    expect(alive()).toBe(true);

    product.child.kill('SIGTERM');
    await product.waitForEvent('gateway.stopping');
    loading = false;
    await Promise.all(clients);
    expect(await product.exited).toEqual({ code: 0, signal: null });
    expect(product.events().find((e) => e['event'] === 'gateway.stopped')?.['graceful']).toBe(true);

    // Every answer: full data (with its records, checked below), or no data about the person at all.
    const withData = answers.filter((a) => carriesData(a.body.data));
    expect(withData.length).toBeGreaterThan(0);
    for (const answer of withData) expect({ status: answer.status, data: answer.body.data }).toEqual({ status: 200, data: FULL });
    expect(answers.filter((a) => !carriesData(a.body.data)).every((a) => a.status === 200 || a.status === 503)).toBe(true);
    // The caller may see everything asked: a refusal during the database's faults would be a failed
    // store read taken for the policy's answer. A store that cannot be read fails the request (503).
    const refused = (a: Answer) => a.body.errors?.some((e) => e.extensions?.code === 'FIELD_DENIED');
    expect(answers.filter((a) => a.fault !== 'partner' && refused(a))).toEqual([]);

    const db = await openTheStore();
    try {
      const recorded = await db.query<{ trace_id: string; partner: string | null }>(
        "SELECT DISTINCT body->>'trace_id' AS trace_id, body->>'partner' AS partner FROM audit_log WHERE kind = 'processing'",
      );
      const gatewayRecords = new Set(recorded.rows.filter((r) => r.partner === null).map((r) => r.trace_id));
      const brpRecords = new Set(recorded.rows.filter((r) => r.partner === 'brp').map((r) => r.trace_id));
      expect(withData.filter((a) => !gatewayRecords.has(a.traceId) || !brpRecords.has(a.traceId))).toEqual([]);
      const verdict = await verifyChain(db, await loadPublicSigningKey(join(dataDir, 'keys', 'audit-signing.public.jwk')));
      expect(verdict).toMatchObject({ ok: true, first: 1 });
    } finally {
      await db.close();
    }
  }, 300_000);
});

async function stop(partner: PartnerProcess): Promise<void> {
  if (partner.child.exitCode === null && partner.child.signalCode === null) partner.child.kill('SIGKILL');
  await partner.exited;
}
