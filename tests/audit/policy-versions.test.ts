import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadPolicyData } from '../../gateway/policy/load.ts';
import { keepPolicyVersion, storedPolicyData } from '../../gateway/store/policy-versions.ts';
import { POLICY_DIR } from '../policy/policy-files.ts';
import { backends } from './backends.ts';

async function copyOfPolicies(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'doelpoort-policies-'));
  await cp(POLICY_DIR, dir, { recursive: true });
  return dir;
}

/** Removes `purpose` from the legal bases of `owner` in the covenant at dir. */
async function withoutPurpose(dir: string, owner: string, purpose: string): Promise<void> {
  const path = join(dir, 'covenant.json');
  const covenant = JSON.parse(await readFile(path, 'utf8'));
  for (const basis of covenant.legalBases) if (basis.owner === owner) basis.purposes = basis.purposes.filter((p: string) => p !== purpose);
  await writeFile(path, JSON.stringify(covenant, null, 2));
}

for (const backend of backends) {
  describe.runIf(backend.enabled)(`policy versions on ${backend.name}`, () => {
    test('a version kept at start-up loads again, with the same rules, after the files on disk changed', async () => {
      const db = await backend.open();
      const dir = await copyOfPolicies();
      try {
        const first = loadPolicyData(dir);
        await keepPolicyVersion(db, dir, first.version);
        await keepPolicyVersion(db, dir, first.version);
        await withoutPurpose(dir, 'belastingdienst', 'uitkeringsfraude');
        const second = loadPolicyData(dir);
        expect(second.version).not.toBe(first.version);
        await keepPolicyVersion(db, dir, second.version);

        const { rows } = await db.query<{ version: string }>('SELECT version FROM policy_versions ORDER BY version');
        expect(rows.map((r) => r.version).sort()).toEqual([first.version, second.version].sort());
        const stored = await storedPolicyData(db, first.version);
        expect(stored?.version).toBe(first.version);
        expect(stored?.covenant).toEqual(first.covenant);
        expect([...stored!.projects.keys()]).toEqual([...first.projects.keys()]);
        expect(await storedPolicyData(db, 'sha256:' + '0'.repeat(64))).toBeUndefined();
      } finally {
        await rm(dir, { recursive: true, force: true });
        await db.close();
      }
    });

    test('files changed between loading and keeping are refused, and altered stored files are named', async () => {
      const db = await backend.open();
      const dir = await copyOfPolicies();
      try {
        const loaded = loadPolicyData(dir);
        await withoutPurpose(dir, 'belastingdienst', 'uitkeringsfraude');
        await expect(keepPolicyVersion(db, dir, loaded.version)).rejects.toThrow(`The policy files in ${dir} changed while the gateway started (it loaded ${loaded.version}`);

        const current = loadPolicyData(dir);
        await keepPolicyVersion(db, dir, current.version);
        // Someone with write access to the store gives this version's covenant back a legal basis.
        const { rows } = await db.query<{ files: { path: string; text: string }[] }>('SELECT files FROM policy_versions WHERE version = $1', [current.version]);
        const widened = (text: string) => {
          const covenant = JSON.parse(text);
          for (const basis of covenant.legalBases) if (basis.owner === 'belastingdienst') basis.purposes.push('uitkeringsfraude');
          return JSON.stringify(covenant);
        };
        const altered = rows[0]!.files.map((f) => (f.path === 'covenant.json' ? { ...f, text: widened(f.text) } : f));
        expect(altered).not.toEqual(rows[0]!.files);
        await db.query('UPDATE policy_versions SET files = $2::jsonb WHERE version = $1', [current.version, JSON.stringify(altered)]);
        await expect(storedPolicyData(db, current.version)).rejects.toThrow(`The stored policy files of ${current.version} hash to sha256:`);
      } finally {
        await rm(dir, { recursive: true, force: true });
        await db.close();
      }
    });
  });
}
