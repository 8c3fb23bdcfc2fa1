/**
 * `npm run subgraphs` as a partner would run it, tried as an attacker would: every bundled partner
 * verifies the gateway's token exactly as the embedded ones do, refuses to start without the
 * gateway's key set, and passes `doelpoort-kit conform`; a deliberately broken partner has each
 * of its defects named.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { execute, parse } from 'graphql';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conform, type ConformReport } from '@doelpoort/subgraph-kit';
import { checkSources, describeOutcome } from '@doelpoort/subgraph-kit/schema';
import { ADRES, BSN } from '../../subgraphs/world/planted-ids.ts';
import { PARTNERS } from '../../subgraphs/world/index.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PURPOSES = ['uitkeringsfraude', 'adreskwaliteit', 'woonfraude', 'arbeidsuitbuiting', 'hulpverlening'];
const KNOWN = [
  { __typename: 'Persoon', bsn: BSN.esmeeVerhoeven },
  { __typename: 'Adres', adresId: ADRES.gezinswoning },
];
const REFUSALS = [
  'no token',
  'wrong audience',
  'expired',
  'lifetime over 60 s',
  'issued in the future',
  'alg: none',
  'other fields',
  'other subjects',
  'another key',
  'replay',
].map((what) => `refuses ${what}`);

let folder: string;
let privateJwk: JWK;
let keyFile: string;
let jwksFile: string;
let subgraphs: ChildProcess;
const urls = new Map<string, string>();

const checkSchema = (name: string, sdl: string) => {
  const outcome = checkSources([{ name, sdl, url: `conform://${name}` }], { knownPurposes: PURPOSES });
  return outcome.ok ? [] : describeOutcome(outcome).split('\n');
};

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: ROOT, env: { ...process.env, DOELPOORT_GATEWAY_JWKS: '', ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'doelpoort-conform-'));
  const { privateKey } = await generateKeyPair('EdDSA', { extractable: true });
  privateJwk = { ...(await exportJWK(privateKey)), kid: 'test-gateway' };
  const { d: _private, ...publicJwk } = privateJwk;
  keyFile = join(folder, 'gateway.private.jwk.json');
  jwksFile = join(folder, 'gateway.jwks.json');
  await writeFile(keyFile, JSON.stringify(privateJwk));
  await writeFile(jwksFile, JSON.stringify({ keys: [{ ...publicJwk, alg: 'EdDSA', use: 'sig' }] }));
  await writeFile(join(folder, 'known.json'), JSON.stringify(KNOWN));

  subgraphs = spawn('npm', ['run', '--silent', 'subgraphs', '--', 'all', '0', '--gateway-keys', jwksFile], { cwd: ROOT, detached: true });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    subgraphs.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      for (const line of out.split('\n')) {
        const [name, url] = line.trim().split(' ');
        if (name && url?.startsWith('http')) urls.set(name, url);
      }
      if (urls.size === PARTNERS.length) resolve();
    });
    subgraphs.once('exit', (code) => reject(new Error(`npm run subgraphs ended with ${code} before serving`)));
  });
}, 120_000);

afterAll(async () => {
  if (subgraphs?.pid !== undefined) process.kill(-subgraphs.pid, 'SIGTERM');
  await rm(folder, { recursive: true, force: true });
});

describe('npm run subgraphs', () => {
  it("refuses to start without the gateway's key set, and says what to give", async () => {
    const { code, stderr } = await run('npx', ['tsx', 'subgraphs/serve.ts', 'all', '0']);
    expect(code).toBe(2);
    expect(stderr).toContain("Refusing to start: the partners need the gateway's public key set");
    expect(stderr).toContain('--gateway-keys <file or URL>');
  }, 60_000);

  it.each(PARTNERS)('serves %s, which passes conform: schema, check, every refusal, a batch of 100 in order', async (partner) => {
    const report = await conform(urls.get(partner)!, { partner, privateJwk, known: KNOWN, checkSchema, timedCalls: 10 });
    const failed = report.findings.filter((finding) => !finding.ok);
    expect(failed).toEqual([]);
    expect(report.findings.map((finding) => finding.check)).toEqual(['schema', 'check', 'valid token', ...REFUSALS, '_entities batch of 100']);
    expect(report.latency?.calls).toBe(10);
  }, 60_000);
});

describe('doelpoort-kit conform', () => {
  let broken: Server;
  let brokenUrl: string;

  beforeAll(async () => {
    // No token check, an unclassified field, and _entities answered in reverse order.
    const typeDefs = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])
type Query { _dummy: String }
type Persoon @key(fields: "bsn") { bsn: ID! schoenmaat: Int }`;
    const schema = buildSubgraphSchema({
      typeDefs: parse(typeDefs),
      resolvers: { Persoon: { __resolveReference: (ref: { bsn: string }) => ({ bsn: ref.bsn, schoenmaat: 42 }) } },
    });
    broken = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', async () => {
        const { query, variables } = JSON.parse(body) as { query: string; variables?: Record<string, unknown> };
        const result = (await execute({ schema, document: parse(query), variableValues: variables ?? {} })) as { data?: Record<string, unknown> };
        if (Array.isArray(result.data?._entities)) result.data._entities.reverse();
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(result));
      });
    });
    await new Promise<void>((resolve) => broken.listen(0, '127.0.0.1', resolve));
    brokenUrl = `http://127.0.0.1:${(broken.address() as AddressInfo).port}/graphql`;
  });

  afterAll(async () => {
    await new Promise((resolve) => broken.close(resolve));
  });

  it('names each defect of a broken partner, with exit code 1', async () => {
    const { code, stdout } = await run('npx', ['doelpoort-kit', 'conform', brokenUrl, '--key', keyFile, '--partner', 'kapot', '--purposes', PURPOSES.join(','), '--json']);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as ConformReport;
    const verdicts = Object.fromEntries(report.findings.map((finding) => [finding.check, finding.ok]));
    expect(verdicts).toEqual({
      schema: true,
      check: false,
      'valid token': true,
      ...Object.fromEntries(REFUSALS.map((check) => [check, false])),
      '_entities batch of 100': false,
    });
    const detail = (check: string) => report.findings.find((finding) => finding.check === check)?.detail;
    expect(detail('check')).toContain('Persoon.schoenmaat');
    expect(detail('refuses no token')).toBe('answered data (HTTP 200): a call with no token must be refused');
    expect(detail('_entities batch of 100')).toMatch(/^\d+ entities are not in the order of the representations/);
    expect(report.ok).toBe(false);
  }, 60_000);

  it('passes a bundled partner with exit code 0 and a readable report', async () => {
    const { code, stdout } = await run('npx', ['doelpoort-kit', 'conform', urls.get('brp')!, '--key', keyFile, '--partner', 'brp', '--known', join(folder, 'known.json')]);
    expect(code).toBe(0);
    expect(stdout).toContain('ok    refuses other subjects: refused (HTTP 403)');
    expect(stdout).toMatch(/latency: p50 [\d.]+ ms, p99 [\d.]+ ms over 50 calls/);
    expect(stdout.trim().split('\n').at(-1)).toBe('PASS: 14 checks');
  }, 60_000);
});
