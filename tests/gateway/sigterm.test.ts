/**
 * SIGTERM to the running product (`npm start`'s run, scripts/run-doelpoort.ts, in a child process,
 * on the suite's pinned day) during a load of concurrent requests about a person: every request
 * that had started is answered in full, new connections are refused, the process exits 0, and the
 * audit store holds the records of every answered request and of nothing else, in a chain that
 * verifies. A second signal exits at once; the same signal repeated within a second is one signal.
 *
 * "Started" is made certain with `Expect: 100-continue`: the gateway has accepted the connection
 * and read the request's head once it says "100 Continue". Half of the requests send their body
 * before the signal (so they run while it arrives), the other half only after it.
 */
import { request as httpRequest } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadPublicSigningKey } from '../../gateway/audit/keys.ts';
import { verifyChain } from '../../gateway/audit/verify.ts';
import { ensureLocalIssuer } from '../../gateway/identity/local-issuer.ts';
import { openStore } from '../../gateway/store/open.ts';
import { storedFieldDecisions } from '../helpers/field-decisions.ts';
import { PROJECT } from '../helpers/product.ts';
import { startProductProcess, type ProductProcess } from '../helpers/product-process.ts';
import { heldRequest } from '../helpers/held-request.ts';

const ADRES = '9999200000900001';
const ESMEE = '999990007';
const QUERY = `query Esmee { persoon(bsn: "${ESMEE}") { naam { geslachtsnaam } geboortedatum } }`;
const LOAD = 24;

describe('SIGTERM to the running product', () => {
  let dataDir: string | undefined;
  let product: ProductProcess | undefined;
  afterEach(async () => {
    if (product && product.child.exitCode === null && product.child.signalCode === null) product.child.kill('SIGKILL');
    await product?.exited;
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    product = undefined;
    dataDir = undefined;
  });

  async function start() {
    dataDir = await mkdtemp(join(tmpdir(), 'doelpoort-sigterm-'));
    product = await startProductProcess(dataDir);
    const issuer = await ensureLocalIssuer(dataDir);
    const coordinator = await issuer.sign({ id: 'coordinator-1', organisation: 'sociale-dienst', roles: ['coordinator'], projects: [PROJECT] });
    const selected = await fetch(product.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${coordinator}`, 'x-doelpoort-project': PROJECT, 'x-doelpoort-purpose': 'uitkeringsfraude' },
      body: JSON.stringify({ query: `mutation { selecteerAdres(project: "${PROJECT}", adresId: "${ADRES}", reden: "Overlapping signals of two partners on this address.") { id } }` }),
    });
    expect(selected.status).toBe(200);
    const analist = await issuer.sign({ id: 'analist-1', organisation: 'belastingdienst', roles: ['analist'], projects: [PROJECT] });
    return { product, dataDir, analist };
  }

  it('answers every request that had started, refuses new connections, exits 0, and loses no audit record', async () => {
    const { product, dataDir, analist } = await start();
    const load = Array.from({ length: LOAD }, () => heldRequest(product.url, analist, { project: PROJECT, purpose: 'uitkeringsfraude' }, QUERY));
    await Promise.all(load.map((r) => r.accepted));
    const early = load.slice(0, LOAD / 2);
    const late = load.slice(LOAD / 2);
    for (const r of early) r.sendBody();

    product.child.kill('SIGTERM');
    await product.waitForEvent('gateway.stopping');
    // A new connection (no pooled keep-alive socket: those stay open during the drain, by design).
    const refused = await new Promise<string | undefined>((resolve) => {
      const request = httpRequest(product.url, { method: 'POST', agent: false }, (response) => {
        response.resume();
        resolve('answered');
      });
      request.on('error', (error: NodeJS.ErrnoException) => resolve(error.code));
      request.end();
    });
    for (const r of late) r.sendBody();
    const answers = await Promise.all(load.map((r) => r.answer));
    const exit = await product.exited;

    expect(refused).toBe('ECONNREFUSED');
    expect(answers).toEqual(load.map(() => ({ status: 200, body: { data: { persoon: { naam: { geslachtsnaam: 'Verhoeven' }, geboortedatum: '1994-05-12' } } } })));
    expect(exit).toEqual({ code: 0, signal: null });
    expect(product.events().filter((e) => String(e['event']).startsWith('gateway.st')).map((e) => [e['event'], e['graceful']])).toEqual([
      ['gateway.started', undefined],
      ['gateway.stopping', undefined],
      ['gateway.stopped', true],
    ]);

    const db = await openStore({ dataDir });
    try {
      const gatewayRecords = await db.query<{ trace_id: string }>(
        "SELECT body->>'trace_id' AS trace_id FROM audit_log WHERE kind = 'processing' AND body->>'partner' IS NULL ORDER BY trace_id",
      );
      expect(gatewayRecords.rows.map((r) => r.trace_id)).toEqual(load.map((r) => r.traceId).sort());
      const decided = (await storedFieldDecisions(db)).map(({ body }) => ({ trace_id: body.trace_id, resource: body.resource, outcome: body.outcome }));
      decided.sort((a, b) => (a.trace_id === b.trace_id ? a.resource.localeCompare(b.resource) : a.trace_id.localeCompare(b.trace_id)));
      expect(decided).toEqual(
        load
          .map((r) => r.traceId)
          .sort()
          .flatMap((traceId) => [
            { trace_id: traceId, resource: 'Persoon.geboortedatum', outcome: 'allow' },
            { trace_id: traceId, resource: 'Persoon.naam', outcome: 'allow' },
          ]),
      );
      // Each answered request has its BRP reads recorded, and the policy's register look-ups too: the
      // BRP (residence) and the BAG (dwellings the person owns, a link to a selected address).
      const partnerRecords = await db.query<{ trace_id: string; partner: string }>(
        "SELECT DISTINCT body->>'trace_id' AS trace_id, body->>'partner' AS partner FROM audit_log WHERE kind = 'processing' AND body->>'partner' IS NOT NULL ORDER BY trace_id, partner",
      );
      expect(partnerRecords.rows).toEqual(
        load
          .map((r) => r.traceId)
          .sort()
          .flatMap((traceId) => [
            { trace_id: traceId, partner: 'bag' },
            { trace_id: traceId, partner: 'brp' },
          ]),
      );
      const verdict = await verifyChain(db, await loadPublicSigningKey(join(dataDir, 'keys', 'audit-signing.public.jwk')));
      expect(verdict).toMatchObject({ ok: true, first: 1 });
    } finally {
      await db.close();
    }
  }, 120_000);

  it('exits at once, with code 1, on a second signal (not a repeat of the first within a second) while requests are still in flight', async () => {
    const { product, analist } = await start();
    // Its body never comes, so a graceful stop could not finish.
    const stuck = heldRequest(product.url, analist, { project: PROJECT, purpose: 'uitkeringsfraude' }, QUERY);
    await stuck.accepted;

    product.child.kill('SIGTERM');
    await product.waitForEvent('gateway.stopping');
    // The same signal again at once is one signal delivered twice (npm forwarding, a process group).
    product.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(product.child.exitCode).toBeNull();
    product.child.kill('SIGTERM');
    const exit = await product.exited;

    expect(exit).toEqual({ code: 1, signal: null });
    await expect(stuck.answer).rejects.toThrow('socket hang up');
    expect(product.events().filter((e) => String(e['event']).startsWith('gateway.st')).map((e) => [e['event'], e['graceful']])).toEqual([
      ['gateway.started', undefined],
      ['gateway.stopping', undefined],
      ['gateway.stopped', false],
    ]);
  }, 120_000);
});
