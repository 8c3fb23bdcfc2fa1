/**
 * `npm run bench:audit`: what group commit buys. N requests, C at a time, each writing R audit
 * records through one writer; once with group commit, once with one transaction per write.
 * Prints the median and p95 latency of a write and the records committed per second, on PGlite
 * (in memory) and, when DATABASE_URL is set, on PostgreSQL (a scratch schema, dropped afterwards).
 *
 *   npm run bench:audit -- [--requests 500] [--concurrency 50] [--records 6]
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { pseudonymise } from '../gateway/audit/pseudonym.ts';
import type { AuditRecord } from '../gateway/audit/records.ts';
import { createAuditWriter } from '../gateway/audit/writer.ts';
import type { Db } from '../gateway/store/db.ts';
import { openStore } from '../gateway/store/open.ts';

const KEY = randomBytes(32);

function requestRecords(request: number, count: number): AuditRecord[] {
  const subject = pseudonymise('person', String(999_000_000 + (request % 1000)), KEY);
  return Array.from({ length: count }, (_, field) => ({
    kind: 'decision',
    body: {
      request_id: `bench-${request}`,
      trace_id: randomBytes(16).toString('hex'),
      caller_id: 'bench-analist',
      organisation: 'gemeente-venlo',
      role: 'analist',
      action: 'read',
      resource: `Persoon.veld${field}`,
      owner: 'belastingdienst',
      subject_pseudonym: subject,
      subject_type: 'person',
      project: 'bench-project',
      phase: null,
      purpose: 'uitkeringsfraude',
      case_id: null,
      justification: null,
      outcome: 'allow',
      principle: null,
      rule: 'bench.allow',
      reason: null,
      transform: null,
      flagged_for_review: false,
      reviewed_at: null,
      reviewed_by: null,
      policy_version: 'sha256:bench',
      decided_at: new Date().toISOString(),
      tier: 'financial',
      processing_activity_id: 'lsi-uitkeringsfraude',
      processing_activity_version: '1',
    },
  }));
}

interface Result {
  medianMs: number;
  p95Ms: number;
  recordsPerSecond: number;
  transactions: number;
}

async function run(db: Db, groupCommit: boolean, requests: number, concurrency: number, records: number): Promise<Result> {
  let transactions = 0;
  const counted: Db = { ...db, transaction: (fn) => ((transactions += 1), db.transaction(fn)) };
  const writer = createAuditWriter(counted, groupCommit ? { maxBatch: 500, maxDelayMs: 0 } : { maxBatch: 1 });
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests) {
        const request = next++;
        const t = performance.now();
        await writer.write(requestRecords(request, records));
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    medianMs: latencies[Math.floor(latencies.length / 2)]!,
    p95Ms: latencies[Math.floor(latencies.length * 0.95)]!,
    recordsPerSecond: (requests * records) / seconds,
    transactions,
  };
}

async function openScratch(backend: 'PGlite' | 'PostgreSQL'): Promise<{ db: Db; drop: () => Promise<void> }> {
  if (backend === 'PGlite') {
    const db = await openStore({ dataDir: 'memory' });
    return { db, drop: () => db.close() };
  }
  const databaseUrl = process.env.DATABASE_URL!;
  const schema = `audit_bench_${randomBytes(4).toString('hex')}`;
  const db = await openStore({ databaseUrl, schema });
  return {
    db,
    async drop() {
      await db.close();
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
    },
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { requests: { type: 'string', default: '500' }, concurrency: { type: 'string', default: '50' }, records: { type: 'string', default: '6' } },
    strict: true,
  });
  const [requests, concurrency, records] = [values.requests, values.concurrency, values.records].map(Number) as [number, number, number];
  if (![requests, concurrency, records].every((n) => Number.isInteger(n) && n > 0)) throw new Error('--requests, --concurrency and --records take positive integers');
  const backends: ('PGlite' | 'PostgreSQL')[] = process.env.DATABASE_URL ? ['PGlite', 'PostgreSQL'] : ['PGlite'];
  process.stdout.write(`${requests} requests, ${concurrency} at a time, ${records} records each\n`);
  process.stdout.write('store       mode                       median ms   p95 ms   records/s   transactions\n');
  for (const backend of backends) {
    for (const groupCommit of [true, false]) {
      const { db, drop } = await openScratch(backend);
      try {
        const r = await run(db, groupCommit, requests, concurrency, records);
        const mode = groupCommit ? 'group commit' : 'one transaction per write';
        process.stdout.write(
          `${backend.padEnd(11)} ${mode.padEnd(26)} ${r.medianMs.toFixed(1).padStart(9)} ${r.p95Ms.toFixed(1).padStart(8)} ${Math.round(r.recordsPerSecond).toString().padStart(11)} ${String(r.transactions).padStart(14)}\n`,
        );
      } finally {
        await drop();
      }
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:audit failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
