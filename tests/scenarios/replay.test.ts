/**
 * Replayable decisions (docs/audit.md, "Replaying decisions"), end to end: scenario 1's case work
 * through the whole product, then its whole audit trail replayed: under the recorded policy
 * version nothing differs; under a covenant without the Belastingdienst's legal basis for
 * uitkeringsfraude exactly the allowances released are named; a stored input altered afterwards
 * breaks the chain at its record (audit:verify) and is named by audit:replay.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPseudonymKey } from '../../gateway/audit/keys.ts';
import { pseudonymise } from '../../gateway/audit/pseudonym.ts';
import type { ReplayReport } from '../../gateway/audit/replay.ts';
import { openStore } from '../../gateway/store/open.ts';
import { storedFieldDecisions } from '../helpers/field-decisions.ts';
import { justification, PROJECT, startProduct, type Product } from '../helpers/product.ts';
import { testClock } from '../helpers/test-clock.ts';
import { POLICY_DIR, withEdit } from '../policy/policy-files.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ADRES = '9999200000900001';
const RESIDENTS = { esmee: '999990007', noah: '999990019', lotte: '999990020' };
const TOESLAGEN = `{ persoon(bsn: "${RESIDENTS.esmee}") { toeslagen { soort jaar jaarbedrag } } }`;
const REGISTER = `{ adres(adresId: "${ADRES}") { straat postcode verblijfsobject { oppervlakte } bewoners { bsn naam { geslachtsnaam } geboortedatum } } }`;
const BEWONERS_TOESLAGEN = `{ adres(adresId: "${ADRES}") { bewoners { bsn toeslagen { soort jaar jaarbedrag } } } }`;
const POLITIE = `{ adres(adresId: "${ADRES}") { politieRegistraties { id soort } } }`;
const SELECT = `mutation { selecteerAdres(project: "${PROJECT}", adresId: "${ADRES}", reden: "Overlapping signals of two partners.") { id } }`;
/** The scripts each start their own Node process and open the store: more than the default 30 s on a busy machine. */
const CLI_TIMEOUT = 240_000;
const WHY = 'The household composition in the BRP cannot show the allowances that the signal is about.';

/** The covenant without the Belastingdienst's legal basis for uitkeringsfraude. */
function withoutBelastingdienstForFraud(covenant: { legalBases: { owner: string; purposes: string[] }[] }): void {
  for (const basis of covenant.legalBases) if (basis.owner === 'belastingdienst') basis.purposes = basis.purposes.filter((p) => p !== 'uitkeringsfraude');
}

/** Runs a script on the data folder only: no DATABASE_URL, no config file. */
async function run(script: string, dataDir: string, args: string[] = []): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await promisify(execFile)(`${ROOT}node_modules/.bin/tsx`, [script, ...args], {
      cwd: ROOT,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', DOELPOORT_DATA_DIR: dataDir },
    });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

describe('replaying the audit trail of scenario 1', () => {
  let p: Product;
  let officer: string;
  let pseudonymOf: (bsn: string) => string;
  let justifiedSeq: number;
  let justifiedField: number | undefined;
  const changedDir = mkdtemp(join(tmpdir(), 'doelpoort-changed-policy-'));

  beforeAll(async () => {
    const clock = testClock('2026-06-15');
    p = await startProduct({ clock });
    officer = await p.token('privacy-officer', 'brp');
    const analist = await p.token('analist', 'belastingdienst');
    const coordinator = await p.token('coordinator', 'sociale-dienst');
    const inspector = await p.token('analist', 'arbeidsinspectie');
    const ok = async (answer: Promise<{ status: number }>) => expect((await answer).status).toBe(200);
    // Before the selection the residents are refused (no selection); then the coordinator selects. Both under
    // woonfraude: the corporation shares its signal for that purpose only, so only there does it count.
    await ok(p.query(analist, 'woonfraude', REGISTER));
    await ok(p.query(coordinator, 'woonfraude', SELECT));
    clock.set('2026-11-23');
    // Subsidiarity refuses, a justification allows (flagged), identifying data, then allowances without one.
    await ok(p.query(analist, 'uitkeringsfraude', TOESLAGEN));
    await ok(p.query(analist, 'uitkeringsfraude', TOESLAGEN, justification(WHY)));
    await ok(p.query(analist, 'uitkeringsfraude', REGISTER));
    await ok(p.query(analist, 'uitkeringsfraude', BEWONERS_TOESLAGEN));
    // Refused by proportionality, and at the request (a role that may not act for the purpose).
    await ok(p.query(inspector, 'arbeidsuitbuiting', POLITIE));
    await ok(p.query(analist, 'hulpverlening', REGISTER));

    const key = await loadPseudonymKey(p.dataDir);
    pseudonymOf = (bsn) => pseudonymise('person', bsn, key);
    const justified = (await storedFieldDecisions(p.doelpoort.db)).filter((d) => d.body.rule === 'subsidiariteit.justified');
    expect(justified).toHaveLength(1);
    [justifiedSeq, justifiedField] = [justified[0]!.seq, justified[0]!.field];
    expect(justifiedField).toBe(0);

    await cp(POLICY_DIR, await changedDir, { recursive: true });
    const covenantPath = join(await changedDir, 'covenant.json');
    const covenant = JSON.parse(await readFile(covenantPath, 'utf8'));
    withoutBelastingdienstForFraud(covenant);
    await writeFile(covenantPath, JSON.stringify(covenant, null, 2));
  });
  afterAll(async () => {
    await p?.stop();
    await p?.cleanup();
    await rm(await changedDir, { recursive: true, force: true });
  });

  it('every decision record made by the rules keeps its input, and replayed under its own version nothing differs', async () => {
    const rows = (await storedFieldDecisions(p.doelpoort.db)).map((d) => ({ seq: d.seq, rule: d.body.rule, has_input: d.body.input !== undefined }));
    const records = new Set(rows.map((r) => r.seq)).size;
    expect(rows.length).toBeGreaterThan(20);
    expect(records).toBeLessThan(rows.length);
    expect(rows.filter((r) => !r.has_input)).toEqual([]);
    expect(new Set(rows.map((r) => r.rule))).toEqual(
      new Set(['policy.allow', 'dragnet.no-selection', 'subsidiariteit.lower-tiers-first', 'subsidiariteit.justified', 'proportionaliteit.tier-weight', 'context.role-purpose']),
    );

    const { status, body } = await p.audit(officer, 'POST', '/audit/replay', {});
    expect(status).toBe(200);
    const report = body as ReplayReport;
    expect(report).toMatchObject({ policy_version: null, records, decisions: rows.length, replayed: rows.length, same: rows.length, differences: [], changed_releases: [], not_replayable: { total: 0 }, unknown_versions: {} });
  });

  it('under a covenant without that legal basis it names exactly the allowances that were released, and the read is recorded as oversight', async () => {
    const files = withEdit('covenant.json', withoutBelastingdienstForFraud);
    const { status, body } = await p.audit(officer, 'POST', '/audit/replay', { policy: { files } });
    expect(status).toBe(200);
    const report = body as ReplayReport;
    const release = (bsn: string, rule: string) => ['Persoon.toeslagen', pseudonymOf(bsn), 'allow', rule, 'deny', 'doelbinding.legal-basis'];
    expect(report.changed_releases.map((d) => [d.resource, d.subject_pseudonym, d.recorded.outcome, d.recorded.rule, d.replayed.outcome, d.replayed.rule])).toEqual([
      release(RESIDENTS.esmee, 'subsidiariteit.justified'),
      release(RESIDENTS.esmee, 'policy.allow'),
      release(RESIDENTS.noah, 'policy.allow'),
      release(RESIDENTS.lotte, 'policy.allow'),
    ]);
    // The one other difference: the refused allowances are refused on the legal basis now.
    expect(report.differences.filter((d) => d.recorded.outcome === 'deny').map((d) => [d.recorded.rule, d.replayed.rule])).toEqual([['subsidiariteit.lower-tiers-first', 'doelbinding.legal-basis']]);
    expect(report.counts.find((c) => c.rule === 'doelbinding.legal-basis')).toEqual({ outcome: 'deny', rule: 'doelbinding.legal-basis', recorded: 0, replayed: 5 });

    const oversight = await p.doelpoort.db.query<{ subject_pseudonym: string }>(
      "SELECT subject_pseudonym FROM audit_log WHERE kind = 'processing' AND body ->> 'name' = 'Privacy oversight: POST /audit/replay' ORDER BY seq",
    );
    expect(oversight.rows.map((r) => r.subject_pseudonym)).toEqual([RESIDENTS.esmee, RESIDENTS.noah, RESIDENTS.lotte].map((bsn) => pseudonymOf(bsn)));
  });

  it('a replay request with a bad option or an invalid proposed policy is a 400 naming it', async () => {
    expect(await p.audit(officer, 'POST', '/audit/replay', { trace: 'not-a-trace' })).toEqual({
      status: 400,
      body: { error: { code: 'BAD_REQUEST', message: 'POST /audit/replay: trace: a W3C trace id: 32 lowercase hex digits. See docs/audit.md for the request shapes.' } },
    });
    const broken = await p.audit(officer, 'POST', '/audit/replay', { policy: { files: [{ path: 'covenant.json', text: '{' }] } });
    expect(broken.status).toBe(400);
    expect((broken.body as { error: { message: string } }).error.message).toMatch(/^POST \/audit\/replay: The policy files are not valid:\npolicy\/covenant.json: not valid JSON/);
    const analist = await p.token('analist', 'belastingdienst');
    expect((await p.audit(analist, 'POST', '/audit/replay', {})).status).toBe(403);
  });

  it('npm run audit:replay on the stopped product: no difference under the recorded version; with --policy the releases that would change', async () => {
    await p.stop();
    const same = await run('scripts/audit-replay.ts', p.dataDir);
    expect(same.code).toBe(0);
    expect(same.stdout).toMatch(/^(\d+) field decisions in \d+ decision records; \1 replayed each under its own policy version: \1 the same, 0 differ\n$/);

    const impact = await run('scripts/audit-replay.ts', p.dataDir, ['--policy', await changedDir]);
    expect(impact.code).toBe(0);
    expect(impact.stdout).toMatch(/^(\d+) field decisions in \d+ decision records; \1 replayed under sha256:[0-9a-f]{64} \(.*\): \d+ the same, 5 differ\n/);
    expect(impact.stdout).toContain('  doelbinding.legal-basis deny: 0 -> 5\n');
    const releases = impact.stdout.split('releases that would change: 4\n')[1]!.split('\n').filter((line) => line.startsWith('  seq '));
    expect(releases).toHaveLength(4);
    expect(releases.every((line) => /^  seq \d+ field \d+ trace /.test(line) && / Persoon\.toeslagen of person [0-9a-f]{64} .*: recorded allow by \S+, replayed deny by doelbinding\.legal-basis$/.test(line))).toBe(true);

    const json = await run('scripts/audit-replay.ts', p.dataDir, ['--json', '--trace', '0'.repeat(32)]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ records: 0, decisions: 0, replayed: 0, differences: [] });
    const bad = await run('scripts/audit-replay.ts', p.dataDir, ['--from', 'yesterday']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toContain('audit:replay could not replay: --from: ');
  }, CLI_TIMEOUT);

  it('a stored input altered afterwards breaks the chain at its record, and replay names the record', async () => {
    const db = await openStore({ dataDir: p.dataDir });
    try {
      // Someone makes the justified release look unjustified after the fact.
      const updated = await db.query<{ seq: number }>(
        `UPDATE audit_log SET body = jsonb_set(body, '{input,request,purpose,justified}', 'false') WHERE seq = $1 RETURNING seq`,
        [justifiedSeq],
      );
      expect(updated.rows).toEqual([{ seq: justifiedSeq }]);
    } finally {
      await db.close();
    }
    const verify = await run('scripts/audit-verify.ts', p.dataDir);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toMatch(new RegExp(`^audit chain BROKEN at seq ${justifiedSeq}: hash-mismatch: `));

    const replay = await run('scripts/audit-replay.ts', p.dataDir);
    expect(replay.code).toBe(1);
    expect(replay.stdout).toMatch(/, 1 differ\n/);
    expect(replay.stdout).toContain(`DIFFERS seq ${justifiedSeq} field ${justifiedField} trace `);
    expect(replay.stdout).toMatch(/Persoon\.toeslagen of person [0-9a-f]{64} \(project wijkaanpak-2026, purpose uitkeringsfraude, sha256:[0-9a-f]{64}\): recorded allow by subsidiariteit\.justified, replayed deny by subsidiariteit\.lower-tiers-first\n$/);
  }, CLI_TIMEOUT);
});
