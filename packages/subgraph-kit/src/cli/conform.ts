/** `doelpoort-kit conform <url>`: the conformance report, readable or as JSON (--json), and its exit code. */
import { readFileSync } from 'node:fs';
import type { JWK } from 'jose';
import { conform, type ConformReport } from '../conform.ts';
import { checkSources, describeOutcome, knownPurposes, UsageError, type PurposeOptions } from './check.ts';

export interface ConformArguments extends PurposeOptions {
  key?: string;
  partner?: string;
  known?: string;
  json?: boolean;
}

export async function runConform(url: string, args: ConformArguments): Promise<number> {
  if (!/^https?:\/\//.test(url)) throw new UsageError(`The URL must be the partner's GraphQL endpoint over http(s); got ${url}.`);
  if (args.partner === undefined || args.partner === '') throw new UsageError('--partner <name> is needed: the name the gateway knows the partner by (its tokens\' audience).');
  if (args.key === undefined) throw new UsageError("--key <file> is needed: a test gateway's private JWK whose public half the partner trusts.");
  const privateJwk = readJson<JWK>(args.key, 'the test gateway key');
  const known = args.known === undefined ? [] : readJson<Record<string, unknown>[]>(args.known, 'the known representations');
  const purposes = knownPurposes(args);
  const report = await conform(url, {
    partner: args.partner,
    privateJwk,
    known,
    checkSchema: (name, sdl) => {
      const outcome = checkSources([{ name, sdl, url }], { knownPurposes: purposes });
      return outcome.ok ? [] : describeOutcome(outcome).split('\n');
    },
  });
  console.log(args.json ? JSON.stringify(report, null, 2) : describeReport(report));
  return report.ok ? 0 : 1;
}

export function describeReport(report: ConformReport): string {
  const lines = [`doelpoort-kit conform ${report.url} (partner ${report.partner})`];
  for (const finding of report.findings) {
    const [first, ...more] = finding.detail.split('\n');
    lines.push(`  ${finding.ok ? 'ok  ' : 'FAIL'}  ${finding.check}: ${first}`, ...more.map((line) => `          ${line}`));
  }
  if (report.latency) lines.push(`  latency: p50 ${report.latency.p50Ms} ms, p99 ${report.latency.p99Ms} ms over ${report.latency.calls} calls`);
  const failed = report.findings.filter((finding) => !finding.ok).length;
  lines.push(failed === 0 ? `PASS: ${report.findings.length} checks` : `FAIL: ${failed} of ${report.findings.length} checks failed`);
  return lines.join('\n');
}

function readJson<T>(file: string, what: string): T {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (error) {
    throw new UsageError(`Cannot read ${what} from ${file}: ${(error as Error).message}.`);
  }
}
