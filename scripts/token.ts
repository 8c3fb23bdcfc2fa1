/**
 * Prints a caller token from the embedded local issuer, for trying the gateway locally:
 *
 *   npm run token -- --role analist --org sociale-dienst --project wijkaanpak-2026 [--user emp-017]
 *
 * Each token is for one user (its subject): --user names them; without it every token is for a new
 * user, so that demo users never share a daily person count. The user is printed on stderr.
 * Bad or missing arguments print the usage and exit with status 2.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ensureLocalIssuer } from '../gateway/identity/local-issuer.ts';
import { looksLikeBsn } from '../gateway/policy/bsn-like.ts';

const USAGE = `Usage: npm run token -- --role <role> --org <organisation> [--project <id> ...] [--user <employee id>] [--ttl <seconds>] [--data-dir <dir>]

  --role      a role from policies/roles.json (repeat for several roles)
  --org       the caller's organisation, e.g. sociale-dienst, uwv
  --project   a project the caller is authorised for (repeat for several; none for a privacy officer)
  --user      the caller's pseudonymous employee id, never a BSN (default: a new user per token)
  --ttl       lifetime in seconds, 1 to 86400 (default 3600)
  --data-dir  where the local issuer keeps its keys (default ./data)`;

const NAME = /^[a-z0-9][a-z0-9._-]*$/i;

class UsageError extends Error {}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      role: { type: 'string', multiple: true },
      org: { type: 'string' },
      project: { type: 'string', multiple: true },
      user: { type: 'string' },
      ttl: { type: 'string', default: '3600' },
      'data-dir': { type: 'string', default: './data' },
    },
  });
  const roles = values.role ?? [];
  if (roles.length === 0) throw new UsageError('--role is required');
  if (values.org === undefined) throw new UsageError('--org is required');
  const projects = values.project ?? [];
  roles.forEach((role) => assertPlainName('--role', role));
  assertPlainName('--org', values.org);
  const user = values.user ?? `emp-${randomBytes(4).toString('hex')}`;
  assertPlainName('--user', user);
  if (looksLikeBsn(user)) throw new UsageError(`--user looks like a BSN; a caller is an employee, named by their employee id (e.g. emp-017)`);
  projects.forEach((project) => assertPlainName('--project', project));
  const ttl = Number(values.ttl);
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > 86_400) throw new UsageError('--ttl must be a whole number of seconds from 1 to 86400');
  await assertKnownRoles(roles);

  const issuer = await ensureLocalIssuer(values['data-dir']);
  const token = await issuer.sign({ id: user, organisation: values.org, roles, projects }, ttl);
  process.stdout.write(`${token}\n`);
  process.stderr.write(`token: for user ${user}\n`);
}

function assertPlainName(option: string, value: string): void {
  if (!NAME.test(value)) throw new UsageError(`${option} "${value}" is not a plain identifier`);
}

/** Refuses roles the policy does not define, when the policy's role file can be read. */
async function assertKnownRoles(roles: string[]): Promise<void> {
  let text: string;
  try {
    text = await readFile(new URL('../policies/roles.json', import.meta.url), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const known = (JSON.parse(text) as { roles: Array<{ id: string }> }).roles.map((role) => role.id);
  const unknown = roles.filter((role) => !known.includes(role));
  if (unknown.length > 0) throw new UsageError(`unknown role ${unknown.join(', ')}; policies/roles.json defines ${known.join(', ')}`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  process.stderr.write(`token: ${(error as Error).message}\n${usage ? `\n${USAGE}\n` : ''}`);
  process.exitCode = usage ? 2 : 1;
});
