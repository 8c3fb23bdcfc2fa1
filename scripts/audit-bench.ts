/**
 * `npm run bench:audit`: the audit write path alone on PostgreSQL (scripts/audit-write-path.ts):
 * records per second with 1, 4 and 16 concurrent requests through the real audit writer, against
 * a plain multi-row INSERT of the same rows (the physical limit), and the ratio of the two.
 *
 *   DATABASE_URL=postgres://… npm run bench:audit -- [--seconds 10] [--records 6] [--concurrency 1,4,16]
 */
import { parseArgs } from 'node:util';
import { measureAuditWritePath } from './audit-write-path.ts';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { seconds: { type: 'string', default: '10' }, records: { type: 'string', default: '6' }, concurrency: { type: 'string', default: '1,4,16' }, 'database-url': { type: 'string' } },
    strict: true,
  });
  const databaseUrl = values['database-url'] ?? process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('the audit write path is measured on PostgreSQL: set DATABASE_URL or give --database-url');
  const concurrencies = values.concurrency.split(',').map(Number);
  const [seconds, records] = [Number(values.seconds), Number(values.records)];
  if (![seconds, records, ...concurrencies].every((n) => Number.isInteger(n) && n > 0)) throw new Error('--seconds, --records and --concurrency take positive integers');
  process.stdout.write(`PostgreSQL, ${records} records per request, ${seconds} s per measurement\n`);
  process.stdout.write('concurrent requests   writer records/s   plain INSERT records/s   writer / plain   writer transactions   writer median ms\n');
  for (const r of await measureAuditWritePath({ databaseUrl, concurrencies, seconds, recordsPerRequest: records })) {
    process.stdout.write(
      `${String(r.concurrency).padStart(19)} ${Math.round(r.writerRecordsPerSecond).toString().padStart(18)} ${Math.round(r.plainRecordsPerSecond).toString().padStart(24)} ${(r.writerRecordsPerSecond / r.plainRecordsPerSecond).toFixed(2).padStart(16)} ${String(r.writerTransactions).padStart(21)} ${r.writerMedianMs.toFixed(1).padStart(18)}\n`,
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:audit failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
