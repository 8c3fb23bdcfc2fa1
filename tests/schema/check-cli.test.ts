import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCheck(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile('npx', ['tsx', 'scripts/check.ts', ...args], { cwd: ROOT }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : (error.code as number | null), stdout, stderr: withoutNpmNoise(stderr) });
    });
  });
}

/** npm may warn about the machine's own npm configuration; that is not the check's output. */
function withoutNpmNoise(stderr: string): string {
  return stderr
    .split('\n')
    .filter((line) => !line.startsWith('npm warn'))
    .join('\n');
}

describe('npm run check', () => {
  it('exits 0 with a summary for a good partner file', async () => {
    expect(await runCheck('tests/schema/fixtures/uwv.graphql')).toEqual({ code: 0, stdout: 'OK: 1 subgraph, 2 classified fields\n', stderr: '' });
  });

  it('exits 1 with the problem for an unclassified field', async () => {
    expect(await runCheck('tests/schema/fixtures/unclassified.graphql')).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'unclassified: Persoon.geboortedatum (line 11, column 3) has no @classified directive. Every field about a person or an address must declare its tier, the purposes it may be shared for, and (optionally) its minimised form, e.g. @classified(tier: "identifying", purposes: ["uitkeringsfraude"], minimised: "year").\n',
    });
  });

  it('exits 1 with the line and column of a syntax error', async () => {
    expect(await runCheck('tests/schema/fixtures/syntax-error.graphql')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'syntax-error (line 7, column 1): syntax error: Expected Name, found "}".\n',
    });
  });

  it('names a subgraph in a schema.graphql after its folder', async () => {
    expect(await runCheck('tests/schema/fixtures/woningcorporatie/schema.graphql')).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'woningcorporatie: Adres.huurder (line 11, column 89) has an unknown minimised form "bsn". Use one of "masked-bsn", "year", "band", "count", "exists", or leave minimised out.\n',
    });
  });

  it("checks purposes against the covenant's by default", async () => {
    const run = await runCheck('tests/schema/fixtures/unknown-purpose.graphql');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^unknown-purpose: Persoon\.bsn \(line 10, column 56\) has an unknown purpose "nieuwsgierigheid"\. Known purposes: "uitkeringsfraude", .*\.\n$/);
  });

  it('checks purposes against the list given with --purposes', async () => {
    expect(await runCheck('--purposes', 'woonfraude', 'tests/schema/fixtures/uwv.graphql')).toEqual({
      code: 1,
      stdout: '',
      stderr: [
        'uwv: Persoon.bsn (line 10, column 56) has an unknown purpose "uitkeringsfraude". Known purposes: "woonfraude".',
        'uwv: Persoon.uitkeringen (line 11, column 72) has an unknown purpose "uitkeringsfraude". Known purposes: "woonfraude".',
        '',
      ].join('\n'),
    });
  });

  it('composes several files together', async () => {
    expect(await runCheck('tests/schema/fixtures/brp.graphql', 'tests/schema/fixtures/uwv.graphql')).toEqual({
      code: 0,
      stdout: 'OK: 2 subgraphs, 4 classified fields\n',
      stderr: '',
    });
  });

  // Issue 12, item 2: a field that reveals a protected status is never of the lowest tier.
  it('warns about a field classified "low" whose name or description reveals a protected status, and still passes', async () => {
    expect(await runCheck('tests/schema/fixtures/protected-status.graphql')).toEqual({
      code: 0,
      stdout: 'OK: 1 subgraph, 5 classified fields\n',
      stderr: [
        'warning: protected-status: Persoon.vlag (line 12, column 3) is classified "low", but its name or description says it reveals the BRP secrecy flag. Knowing that such a status holds needs a selection: classify it "identifying" or higher.',
        'warning: protected-status: Persoon.heeftZorgverwijzing (line 13, column 3) is classified "low", but its name or description says it reveals care involvement (a special category: AVG art. 9, Wmo 2015). Knowing that such a status holds needs a selection: classify it "identifying" or higher.',
        '',
      ].join('\n'),
    });
  });

  it("has no warning about the project's own subgraphs", async () => {
    expect(await runCheck()).toMatchObject({ code: 0, stderr: '' });
  });
});
