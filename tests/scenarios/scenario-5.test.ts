/**
 * Scenario 5, the data subject (BRIEF §6.5, docs/scenarios.md): Esmee Verhoeven (999990007) asks
 * which organisations looked at her data. A known set of accesses (two organisations, two
 * purposes, one refused), the privacy officer's subject-access report of exactly those, the
 * officer's own reads about her in a later report, the chain intact; then one audit row is altered
 * in the stopped product's store and `audit-verify` names it.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../gateway/store/open.ts';
import { storedFieldDecisions } from '../helpers/field-decisions.ts';
import { denials, PROJECT, startProduct, type Product } from '../helpers/product.ts';

const ADRES = '9999200000900001';
const ESMEE = '999990007';
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Report {
  subject_type: string;
  entries: { when: string; organisation: string; project: string; purpose: string; processing_activities: { id: string; version: string }[]; data: { owner: string; fields: string[] }[] }[];
}

/** Runs `scripts/audit-verify.ts` on the data folder only: no DATABASE_URL, no config file. */
async function auditVerify(dataDir: string): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await promisify(execFile)(`${ROOT}node_modules/.bin/tsx`, ['scripts/audit-verify.ts'], {
      cwd: ROOT,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', DOELPOORT_DATA_DIR: dataDir },
    });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '' };
  }
}

describe('scenario 5: the data subject', () => {
  let p: Product;
  let privacyOfficer: string;
  let belastingdienst: string;
  let toeslagenSeq: number;

  beforeAll(async () => {
    p = await startProduct();
    privacyOfficer = await p.token('privacy-officer', 'brp');
    belastingdienst = await p.token('analist', 'belastingdienst');
  });
  afterAll(async () => {
    await p?.stop();
    await p?.cleanup();
  });

  it('four requests touch her: three release data about her, one is refused', async () => {
    const coordinator = await p.token('coordinator', 'sociale-dienst');
    const selected = await p.query(
      coordinator,
      'uitkeringsfraude',
      `mutation { selecteerAdres(project: "${PROJECT}", adresId: "${ADRES}", reden: "Overlapping signals of two partners on this address.") { id } }`,
    );
    expect(selected.body.errors).toBeUndefined();

    // 1. Belastingdienst, uitkeringsfraude: the residents (her and her children).
    const residents = await p.query(belastingdienst, 'uitkeringsfraude', `{ adres(adresId: "${ADRES}") { bewoners { bsn naam { geslachtsnaam } } } }`);
    expect(residents.body.errors).toBeUndefined();
    // 2. Belastingdienst, uitkeringsfraude: her allowances.
    const allowances = await p.query(belastingdienst, 'uitkeringsfraude', `{ persoon(bsn: "${ESMEE}") { toeslagen { soort jaarbedrag } } }`);
    expect(allowances.body).toEqual({
      data: { persoon: { toeslagen: [{ soort: 'zorgtoeslag', jaarbedrag: 1500 }, { soort: 'kindgebonden-budget', jaarbedrag: 4082 }, { soort: 'huurtoeslag', jaarbedrag: 2842 }] } },
    });
    // 3. Refused: the wage findings are not shared for uitkeringsfraude.
    const refused = await p.query(belastingdienst, 'uitkeringsfraude', `{ persoon(bsn: "${ESMEE}") { loonbevindingen { id } } }`);
    expect(denials(refused.body)).toEqual([{ path: 'persoon.loonbevindingen', code: 'FIELD_DENIED', principle: 'doelbinding', rule: 'doelbinding.owner-purpose' }]);
    // 4. The corporation, woonfraude: the tenancy of the dwelling and the residents' names.
    const corporation = await p.token('analist', 'woningcorporatie');
    const tenancy = await p.query(corporation, 'woonfraude', `{ adres(adresId: "${ADRES}") { huurcontract { kaleHuurPerMaand huurder { bsn } } bewoners { naam { voornamen } } } }`);
    expect(tenancy.body).toEqual({
      data: {
        adres: {
          huurcontract: { kaleHuurPerMaand: 640, huurder: { bsn: ESMEE } },
          bewoners: [{ naam: { voornamen: 'Esmee' } }, { naam: { voornamen: 'Noah' } }, { naam: { voornamen: 'Lotte' } }],
        },
      },
    });
  });

  it('the subject-access report lists the three requests that released her data and the refused look-up, in order', async () => {
    const { status, body } = await p.audit(privacyOfficer, 'POST', '/audit/subject-access-report', { bsn: ESMEE });
    expect(status).toBe(200);
    const report = body as Report;
    expect(report.subject_type).toBe('person');
    expect(report.entries.map(({ when: _when, ...entry }) => entry)).toEqual([
      {
        organisation: 'belastingdienst',
        project: PROJECT,
        purpose: 'uitkeringsfraude',
        processing_activities: [{ id: 'lsi-uitkeringsfraude', version: '1' }],
        data: [{ owner: 'brp', fields: ['Persoon.bsn', 'Persoon.naam'] }],
      },
      {
        organisation: 'belastingdienst',
        project: PROJECT,
        purpose: 'uitkeringsfraude',
        processing_activities: [{ id: 'lsi-uitkeringsfraude', version: '1' }],
        data: [{ owner: 'belastingdienst', fields: ['Persoon.toeslagen'] }],
      },
      // The refused look-up processed her number: listed as refused, without data (issue 12, item 8).
      { organisation: 'belastingdienst', project: PROJECT, purpose: 'uitkeringsfraude', processing_activities: [], data: [], refused: true },
      {
        organisation: 'woningcorporatie',
        project: PROJECT,
        purpose: 'woonfraude',
        processing_activities: [{ id: 'lsi-woonfraude', version: '1' }],
        data: [{ owner: 'brp', fields: ['Persoon.bsn', 'Persoon.naam'] }],
      },
    ]);
    const whens = report.entries.map((e) => e.when);
    expect(whens.every((w) => !Number.isNaN(Date.parse(w)))).toBe(true);
    expect([...whens].sort()).toEqual(whens);
  });

  it('the refused request is among the refusals, not in her report', async () => {
    const { body } = await p.audit(privacyOfficer, 'GET', '/audit/refusals');
    const items = (body as { items: { seq: number; body: Record<string, unknown> }[] }).items;
    expect(items.map((i) => [i.body['resource'], i.body['rule'], i.body['organisation']])).toEqual([
      ['Persoon.loonbevindingen', 'doelbinding.owner-purpose', 'belastingdienst'],
    ]);
  });

  it("a later report lists the privacy officer's reads about her as well: the first report and the refusals list", async () => {
    const { body } = await p.audit(privacyOfficer, 'POST', '/audit/subject-access-report', { bsn: ESMEE });
    const oversight = { organisation: 'brp', project: null, purpose: null, processing_activities: [{ id: 'toezicht', version: '1' }], data: [] };
    const entries = (body as Report).entries;
    expect(entries.slice(4).map(({ when: _when, ...entry }) => entry)).toEqual([oversight, oversight]);
    expect(entries.map((e) => e.organisation)).toEqual(['belastingdienst', 'belastingdienst', 'belastingdienst', 'woningcorporatie', 'brp', 'brp']);
  });

  it('only the privacy officer gets the report', async () => {
    for (const token of [belastingdienst, await p.token('coordinator', 'sociale-dienst')]) {
      expect(await p.audit(token, 'POST', '/audit/subject-access-report', { bsn: ESMEE })).toEqual({
        status: 403,
        body: { error: { code: 'FORBIDDEN', message: 'The audit API is for the privacy-officer role only.' } },
      });
    }
  });

  it('a BSN put in the path of the audit API or the gateway is not echoed in the 404', async () => {
    expect(await p.audit(privacyOfficer, 'GET', `/audit/persons/${ESMEE}`)).toEqual({
      status: 404,
      body: { error: { code: 'NOT_FOUND', message: 'No audit endpoint GET /audit/persons/*********. See docs/audit.md for the endpoints.' } },
    });
    const res = await fetch(`${p.origin}/persoon/${ESMEE}`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ errors: [{ message: 'Nothing at /persoon/*********. GraphQL is served at /graphql.', extensions: { code: 'NOT_FOUND' } }] });
  });

  it('the chain is intact', async () => {
    const { rows } = await p.doelpoort.db.query<{ head: number }>('SELECT max(seq)::int AS head FROM audit_log', []);
    const head = rows[0]!.head;
    const { status, body } = await p.audit(privacyOfficer, 'GET', '/audit/chain');
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: true, records: head, first: 1, head: { seq: head } });

    const found = (await storedFieldDecisions(p.doelpoort.db)).filter((d) => d.body.resource === 'Persoon.toeslagen' && d.body.outcome === 'allow');
    expect(found).toHaveLength(1);
    toeslagenSeq = found[0]!.seq;
  });

  it('after the product stops (signing a last checkpoint), audit-verify passes; one altered row makes it fail naming that seq', async () => {
    await p.stop();
    const before = await auditVerify(p.dataDir);
    expect(before.code).toBe(0);
    expect(before.stdout).toMatch(/^audit chain OK up to seq (\d+): \1 records \(seq 1\.\.\1\), head hash [0-9a-f]{64}, signed checkpoints: [1-9]\d*; every record is signed\n$/);

    const db = await openStore({ dataDir: p.dataDir });
    try {
      // Someone rewrites the purpose of the allowances access after the fact.
      const updated = await db.query<{ seq: number }>(
        `UPDATE audit_log SET body = jsonb_set(body, '{purpose}', '"woonfraude"') WHERE seq = $1 RETURNING seq`,
        [toeslagenSeq],
      );
      expect(updated.rows).toEqual([{ seq: toeslagenSeq }]);
    } finally {
      await db.close();
    }

    const after = await auditVerify(p.dataDir);
    expect(after.code).toBe(1);
    expect(after.stdout).toMatch(new RegExp(`^audit chain BROKEN at seq ${toeslagenSeq}: hash-mismatch: `));
  });
});
