import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../gateway/context/types.ts';
import {
  canSelectAddresses,
  auditApiRefusal,
  canUseAuditApi,
  createCallerVerifier,
  ensureLocalIssuer,
  hasAnyProject,
  LOCAL_AUDIENCE,
  LOCAL_ISSUER,
} from '../../gateway/identity/index.ts';

const run = promisify(execFile);
const repo = new URL('../../', import.meta.url).pathname;
const tsx = join(repo, 'node_modules', '.bin', 'tsx');

let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'doelpoort-issuer-'));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function localVerifier() {
  const issuer = await ensureLocalIssuer(dataDir);
  return createCallerVerifier({
    jwks: { file: issuer.jwksFile },
    issuer: issuer.issuer,
    audience: issuer.audience,
    clockSkewSeconds: 30,
    algorithms: ['ES256'],
  });
}

describe('ensureLocalIssuer', () => {
  it('makes an ES256 key pair once, keeps the private key at mode 0600, and reuses it', async () => {
    const first = await ensureLocalIssuer(dataDir);
    const privateFile = join(dataDir, 'keys', 'local-issuer.private.jwk.json');
    const privateJwk = await readFile(privateFile, 'utf8');
    expect((await stat(privateFile)).mode & 0o777).toBe(0o600);

    const second = await ensureLocalIssuer(dataDir);
    expect(await readFile(privateFile, 'utf8')).toBe(privateJwk);
    expect([second.jwksFile, second.issuer, second.audience]).toEqual([
      join(dataDir, 'keys', 'local-issuer.jwks.json'),
      'http://localhost/doelpoort-local-issuer',
      'doelpoort',
    ]);
    const { keys } = JSON.parse(await readFile(second.jwksFile, 'utf8')) as { keys: Array<Record<string, unknown>> };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(keys[0]).not.toHaveProperty('d');

    const caller: Caller = { id: 'emp-42', organisation: 'uwv', roles: ['analist'], projects: ['wijkaanpak-2026'] };
    await expect((await localVerifier()).verify(`Bearer ${await first.sign(caller)}`)).resolves.toEqual({ ...caller, issuer: LOCAL_ISSUER });
    expect([LOCAL_ISSUER, LOCAL_AUDIENCE]).toEqual([first.issuer, first.audience]);
  });
});

describe('scripts/token.ts', () => {
  it('prints a token the caller verifier accepts', async () => {
    const { stdout } = await run(tsx, [
      'scripts/token.ts',
      '--role', 'coordinator', '--org', 'sociale-dienst', '--project', 'wijkaanpak-2026', '--user', 'emp-123', '--data-dir', dataDir,
    ], { cwd: repo });
    await expect((await localVerifier()).verify(`Bearer ${stdout.trim()}`)).resolves.toEqual({
      id: 'emp-123',
      issuer: LOCAL_ISSUER,
      organisation: 'sociale-dienst',
      roles: ['coordinator'],
      projects: ['wijkaanpak-2026'],
    });
  });

  it.each([
    [['--org', 'uwv'], 'token: --role is required'],
    [['--role', 'coordinator'], 'token: --org is required'],
    [['--role', 'coordinator', '--org', 'uwv', '--ttl', 'soon'], 'token: --ttl must be a whole number of seconds from 1 to 86400'],
    [['--role', 'coordinator', '--org', 'uwv', '--colour', 'red'], "token: Unknown option '--colour'"],
    [['--role', 'coordinator', '--org', 'uwv', '--user', '9999.90.007'], 'token: --user looks like a BSN; a caller is an employee, named by their employee id (e.g. emp-017)'],
  ])('prints the usage and exits 2 for %j', async (args, firstLine) => {
    const failure = await run(tsx, ['scripts/token.ts', ...args, '--data-dir', dataDir], { cwd: repo }).then(
      () => undefined,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stdout).toBe('');
    expect(failure!.stderr.split('\n').slice(0, 3)).toEqual([
      firstLine,
      '',
      'Usage: npm run token -- --role <role> --org <organisation> [--project <id> ...] [--user <employee id>] [--ttl <seconds>] [--data-dir <dir>]',
    ]);
  });
});

describe('scripts/token.ts users (issue 12, item 9)', () => {
  it('mints a new user for each token without --user, and names the user on stderr', async () => {
    const mint = () => run(tsx, ['scripts/token.ts', '--role', 'analist', '--org', 'uwv', '--project', 'wijkaanpak-2026', '--data-dir', dataDir], { cwd: repo });
    const verifier = await localVerifier();
    const [first, second] = await Promise.all([mint(), mint()]);
    const [a, b] = await Promise.all([first, second].map(({ stdout }) => verifier.verify(`Bearer ${stdout.trim()}`)));
    expect(a!.id).toMatch(/^emp-[0-9a-f]{8}$/);
    expect(b!.id).toMatch(/^emp-[0-9a-f]{8}$/);
    expect(a!.id).not.toBe(b!.id);
    expect(first.stderr).toBe(`token: for user ${a!.id}\n`);
  });
});

describe('scripts/token.ts with a role the policy does not define', () => {
  it('names the roles policies/roles.json defines and exits 2', async () => {
    const failure = await run(tsx, ['scripts/token.ts', '--role', 'superuser', '--org', 'uwv', '--data-dir', dataDir], { cwd: repo }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    const roles = (JSON.parse(await readFile(join(repo, 'policies', 'roles.json'), 'utf8')) as { roles: Array<{ id: string }> }).roles;
    expect(failure?.code).toBe(2);
    expect(failure?.stderr.split('\n')[0]).toBe(`token: unknown role superuser; policies/roles.json defines ${roles.map((r) => r.id).join(', ')}`);
  });
});

describe('role boundaries', () => {
  const person = (roles: string[], projects: string[] = []): Caller => ({ id: 'emp-1', organisation: 'sociale-dienst', roles, projects });

  it('lets only a privacy officer use the audit API', () => {
    expect([person(['privacy-officer']), person(['coordinator']), person(['analist'])].map(canUseAuditApi)).toEqual([true, false, false]);
  });

  it('refuses the audit API to a privacy officer whose token also holds a role that queries (separation of duties)', () => {
    expect([person(['privacy-officer', 'analist']), person(['coordinator', 'privacy-officer'])].map(canUseAuditApi)).toEqual([false, false]);
    expect(auditApiRefusal(person(['analist', 'privacy-officer', 'handhaver']))).toBe(
      'The audit API answers a token with the privacy-officer role alone; yours also holds "analist", "handhaver" (separation of duties: who audits does not also query). Ask your organisation for a token with the privacy-officer role only.',
    );
    expect(auditApiRefusal(person(['privacy-officer']))).toBeUndefined();
  });

  it('lets only a coordinator select addresses', () => {
    expect([person(['coordinator']), person(['privacy-officer']), person(['zorgverlener'])].map(canSelectAddresses)).toEqual([true, false, false]);
  });

  it('tells whether a caller has any project', () => {
    expect([person(['analist'], ['wijkaanpak-2026']), person(['privacy-officer'])].map(hasAnyProject)).toEqual([true, false]);
  });
});
