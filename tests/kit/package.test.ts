/**
 * The kit as a partner installs it: `npm pack` of packages/subgraph-kit, installed from the tarball
 * into an empty folder outside this repository (so none of the repository's node_modules or
 * sources are reachable), its CLI run with `npx doelpoort-kit`, and its exports imported from
 * plain JavaScript.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const KIT = join(ROOT, 'packages/subgraph-kit');
const TEMPLATE_SDL = fileURLToPath(new URL('../../docs/partner-template/leerplicht.graphql', import.meta.url));
const UNCLASSIFIED_SDL = fileURLToPath(new URL('../schema/fixtures/unclassified.graphql', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Without this run's npm settings (npm_config_*, e.g. a workspace) and module paths: a partner's shell. */
function partnerEnvironment(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name) && name !== 'NODE_PATH' && name !== 'NODE_OPTIONS'));
  return { ...env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
}

function run(command: string, args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env: partnerEnvironment(), maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
      resolve({ code, stdout, stderr: stderr.split('\n').filter((line) => !line.startsWith('npm warn')).join('\n') });
    });
  });
}

async function succeed(command: string, args: string[], cwd: string): Promise<string> {
  const result = await run(command, args, cwd);
  if (result.code !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.code}):\n${result.stderr}`);
  return result.stdout;
}

/** The temporary folder, outside the repository: the kit's copy, its tarball, and the partner's folder. */
let scratch: string;
/** The partner's folder, where the kit is installed. */
let folder: string;
let packed: { filename: string; files: { path: string }[] };

/**
 * Built and packed from a copy of the kit, so that the repository's own dist/ (which the in-repo
 * CLI runs) is never rebuilt under a test running beside this one. The copy reaches the
 * repository's node_modules only while its build script runs.
 */
async function packKit(): Promise<typeof packed> {
  const copy = join(scratch, 'kit');
  cpSync(KIT, copy, { recursive: true, filter: (path) => !/[\\/](dist|node_modules)$/.test(path) });
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
  await succeed('npm', ['run', 'build'], copy);
  unlinkSync(join(copy, 'node_modules'));
  const [result] = JSON.parse(await succeed('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', scratch], copy)) as [typeof packed];
  return result;
}

beforeAll(async () => {
  scratch = realpathSync(mkdtempSync(join(tmpdir(), 'doelpoort-kit-')));
  packed = await packKit();
  folder = join(scratch, 'partner');
  mkdirSync(folder);
  writeFileSync(join(folder, 'package.json'), JSON.stringify({ name: 'partner', private: true, type: 'module' }));
  await succeed('npm', ['install', join(scratch, packed.filename), '--prefer-offline', '--no-audit', '--no-fund'], folder);
  copyFileSync(TEMPLATE_SDL, join(folder, 'leerplicht.graphql'));
  copyFileSync(UNCLASSIFIED_SDL, join(folder, 'unclassified.graphql'));
}, 180_000);

afterAll(() => {
  if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
});

describe('the kit installed from its tarball', () => {
  it('ships compiled JavaScript with type declarations, the CLI, the README and no TypeScript sources', () => {
    const files = packed.files.map(({ path }) => path).sort();
    expect(files.filter((path) => !/^(dist\/.+\.(js|d\.ts)|bin\/doelpoort-kit\.js|package\.json|README\.md)$/.test(path))).toEqual([]);
    for (const entry of ['index', 'apollo', 'envelop', 'http', 'schema', 'subgraph', 'cli/main']) {
      expect(files).toContain(`dist/${entry}.js`);
      expect(files).toContain(`dist/${entry}.d.ts`);
    }
  });

  it('checks a good schema with `npx doelpoort-kit check`: exit 0 and the summary', async () => {
    expect(await run('npx', ['doelpoort-kit', 'check', 'leerplicht.graphql', '--purposes', 'hulpverlening'], folder)).toEqual({
      code: 0,
      stdout: 'OK: 1 subgraph, 2 classified fields\n',
      stderr: '',
    });
  });

  it('refuses a schema with an unclassified field: exit 1 and the problem with its place', async () => {
    expect(await run('npx', ['doelpoort-kit', 'check', 'unclassified.graphql', '--purposes', 'uitkeringsfraude'], folder)).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'unclassified: Persoon.geboortedatum (line 11, column 3) has no @classified directive. Every field about a person or an address must declare its tier, the purposes it may be shared for, and (optionally) its minimised form, e.g. @classified(tier: "identifying", purposes: ["uitkeringsfraude"], minimised: "year").\n',
    });
  });

  it('imports from plain JavaScript: the package in the partner folder, its token verification refusing a call without a valid token', async () => {
    writeFileSync(
      join(folder, 'main.mjs'),
      `import { createGatewayTokenVerifier, GatewayTokenError } from '@doelpoort/subgraph-kit';
import { composeSupergraph } from '@doelpoort/subgraph-kit/schema';
import { gatewayTokenEnvelopPlugin } from '@doelpoort/subgraph-kit/envelop';
const verifier = createGatewayTokenVerifier({ partner: 'leerplicht', jwks: { keys: [] } });
const call = { fields: ['Persoon.verzuimmeldingen'], call: { query: '{ __typename }', variables: {} } };
const refusal = (header) => verifier.verify(header, call).then(() => 'answered', (error) => (error instanceof GatewayTokenError ? error.code : String(error)));
console.log(JSON.stringify({
  kit: import.meta.resolve('@doelpoort/subgraph-kit'),
  types: [typeof composeSupergraph, typeof gatewayTokenEnvelopPlugin],
  refusals: [await refusal(undefined), await refusal('Bearer not-a-token')],
}));
`,
    );
    expect(JSON.parse(await succeed('node', ['main.mjs'], folder))).toEqual({
      kit: `file://${folder}/node_modules/@doelpoort/subgraph-kit/dist/index.js`,
      types: ['function', 'function'],
      refusals: ['GATEWAY_TOKEN_MISSING', 'GATEWAY_TOKEN_INVALID'],
    });
  });
});
