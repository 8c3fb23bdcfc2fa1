/**
 * `npm run audit:replay`: makes the recorded decisions of the configured store (DATABASE_URL, or
 * PGlite in the data folder) again with the policy's rules on their recorded input, each under the
 * policy version it names (kept in the store), and names every field whose outcome differs (exit 1;
 * exit 0 when none differs). With --policy <dir> it decides them under that folder's policy
 * instead and reports the impact: counts per rule and outcome and the releases that would change
 * (exit 0). Exit 2 when it cannot replay.
 *
 *   npm run audit:replay -- [--config <file>] [--from <ISO time>] [--to <ISO time>] [--project <id>] [--trace <trace id>] [--policy <dir>] [--json]
 *
 * --from is inclusive and --to exclusive, on the time a record was committed, as in the audit API.
 */
import { parseArgs } from 'node:util';
import { replayFromStore } from '../gateway/audit/replay-store.ts';
import { replayFilter } from '../gateway/audit/replay-request.ts';
import type { ReplayDifference, ReplayReport } from '../gateway/audit/replay.ts';
import { ConfigError, loadConfig } from '../gateway/config/index.ts';
import { loadPolicyData } from '../gateway/policy/load.ts';
import { PolicyDataError } from '../gateway/policy/problems.ts';
import { openStore } from '../gateway/store/open.ts';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      config: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      project: { type: 'string' },
      trace: { type: 'string' },
      policy: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const filter = replayFilter({ from: values.from, to: values.to, project: values.project, trace: values.trace }, (name) => `--${name}`);
  const config = loadConfig(values.config ? { file: values.config } : {});
  const replacement = values.policy ? loadPolicyData(values.policy) : undefined;
  const db = await openStore(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir });
  try {
    const report = await replayFromStore(db, filter, replacement);
    process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : inWords(report, values.policy));
    return !replacement && report.differences.length > 0 ? 1 : 0;
  } finally {
    await db.close();
  }
}

function inWords(report: ReplayReport, policyDir: string | undefined): string {
  const lines: string[] = [];
  const under = report.policy_version ? `under ${report.policy_version} (${policyDir})` : 'each under its own policy version';
  lines.push(`${report.decisions} field decisions in ${report.records} decision records; ${report.replayed} replayed ${under}: ${report.same} the same, ${report.differences.length} differ`);
  if (report.not_replayable.total > 0) {
    lines.push(`${report.not_replayable.total} made outside the policy's rules, not replayable by the policy: ${tally(report.not_replayable.by_rule)}`);
  }
  const unknown = Object.keys(report.unknown_versions).length;
  if (unknown > 0) lines.push(`${unknown} policy versions are not kept in the store, so their decisions were not replayed: ${tally(report.unknown_versions)}`);
  if (report.policy_version) {
    lines.push('', 'per rule and outcome (recorded -> replayed):');
    for (const c of report.counts) lines.push(`  ${c.rule} ${c.outcome}: ${c.recorded} -> ${c.replayed}`);
    lines.push('', `releases that would change: ${report.changed_releases.length}`);
    for (const d of report.changed_releases) lines.push(`  ${describe(d)}`);
    const refusals = report.differences.length - report.changed_releases.length;
    if (refusals > 0) lines.push('', `refusals that would change: ${refusals} (in --json)`);
  } else {
    for (const d of report.differences) lines.push(`DIFFERS ${describe(d)}`);
  }
  return `${lines.join('\n')}\n`;
}

function describe(d: ReplayDifference): string {
  const recorded = `${d.recorded.outcome}${d.recorded.transform ? ` (${d.recorded.transform})` : ''} by ${d.recorded.rule}`;
  const replayed = `${d.replayed.outcome}${d.replayed.transform ? ` (${d.replayed.transform})` : ''} by ${d.replayed.rule}`;
  return `seq ${d.seq}${d.field !== undefined ? ` field ${d.field}` : ''} trace ${d.trace_id} ${d.resource} of ${d.subject_type} ${d.subject_pseudonym} (project ${d.project ?? '-'}, purpose ${d.purpose ?? '-'}, ${d.policy_version}): recorded ${recorded}, replayed ${replayed}`;
}

function tally(counts: Record<string, number>): string {
  return Object.entries(counts)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, n]) => `${name} ${n}`)
    .join(', ');
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof PolicyDataError || error instanceof ConfigError || error instanceof Error ? error.message : String(error);
    process.stderr.write(`audit:replay could not replay: ${message}\n`);
    process.exit(2);
  },
);
