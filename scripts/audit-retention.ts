/**
 * `npm run audit:retention`: removes audit records past their processing activity's retention
 * (policies/processing-activities.json, retentionDays), after signing the boundary as a checkpoint.
 * Records without a processing activity (reviews, lifts) keep the longest retention in the register.
 * Refuses to prune a chain that does not verify. Run it daily, e.g. from cron.
 *
 *   npm run audit:retention -- [--config <file>]
 */
import { parseArgs } from 'node:util';
import { loadSigningKeys } from '../gateway/audit/keys.ts';
import { applyRetention } from '../gateway/audit/retention.ts';
import { loadConfig } from '../gateway/config/index.ts';
import { loadPolicyData } from '../gateway/policy/load.ts';
import { openStore } from '../gateway/store/open.ts';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { config: { type: 'string' } }, strict: true });
  const config = loadConfig(values.config ? { file: values.config } : {});
  const activities = loadPolicyData(config.policyDir).processingActivities;
  if (activities.length === 0) throw new Error('the register of processing activities is empty');
  const days = new Map(activities.map((a) => [a.id, a.retentionDays]));
  const defaultDays = Math.max(...days.values());
  const keys = await loadSigningKeys(config.dataDir);
  const db = await openStore(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir });
  try {
    const result = await applyRetention(db, keys, { days, defaultDays }, new Date());
    const kept = result.keptFrom === null ? 'no records kept' : `kept from seq ${result.keptFrom.seq} (${result.keptFrom.reason})`;
    const removed = result.boundary === null ? 'removed nothing' : `removed ${result.removed} records up to seq ${result.boundary}, boundary checkpoint signed`;
    process.stdout.write(`audit retention: ${removed}; ${kept}\n`);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`audit:retention failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
