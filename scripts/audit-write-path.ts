/**
 * The audit write path alone, on PostgreSQL: audit records per second with C concurrent requests
 * (each writing its records and waiting for the commit, as a request does), through the real
 * writer (`createAuditWriter` with the gateway's defaults: group commit, checkpoints every 1000),
 * against the physical limit: a plain multi-row INSERT of the same rows (the same bodies, seqs and
 * hash columns, into the same table and indexes) per request, C at a time on C connections, with
 * no chain (no head lock, no hashing, no checks). Each side runs in a scratch schema of its own,
 * dropped afterwards. Used by `npm run bench:audit` (scripts/audit-bench.ts) and `npm run bench`.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { canonicalJson } from '../gateway/audit/canonical.ts';
import { loadSigningKeys } from '../gateway/audit/keys.ts';
import { pseudonymise } from '../gateway/audit/pseudonym.ts';
import type { AuditRecord } from '../gateway/audit/records.ts';
import { createAuditWriter } from '../gateway/audit/writer.ts';
import type { Db } from '../gateway/store/db.ts';
import { openStore } from '../gateway/store/open.ts';

const KEY = randomBytes(32);

/** Fields per decision record: a combined view decides 119 fields in 52 records (docs/audit.md). */
const FIELDS_PER_RECORD = 2;

/** One request's decision records, one per partner call about one person, each with its fields' outcomes (the shape the gateway writes). */
export function requestRecords(request: number, count: number): AuditRecord[] {
  const subject = pseudonymise('person', String(999_000_000 + (request % 1000)), KEY);
  const traceId = randomBytes(16).toString('hex');
  return Array.from({ length: count }, (_, call) => ({
    kind: 'decision',
    body: {
      action: 'read',
      caller_id: 'bench-analist',
      case_id: null,
      decided_at: new Date().toISOString(),
      fields: Array.from({ length: FIELDS_PER_RECORD }, (_, field) => ({
        flagged_for_review: false,
        outcome: 'allow' as const,
        principle: null,
        reason: null,
        resource: `Persoon.veld${call}x${field}`,
        rule: 'bench.allow',
        tier: 'financial',
        transform: null,
      })),
      justification: null,
      organisation: 'gemeente-venlo',
      owner: `partner-${call}`,
      partner_reference: randomBytes(8).toString('hex'),
      phase: null,
      policy_version: 'sha256:bench',
      processing_activity_id: 'lsi-uitkeringsfraude',
      processing_activity_version: '1',
      project: 'bench-project',
      purpose: 'uitkeringsfraude',
      released_tiers: ['financial'],
      request_id: `bench-${request}`,
      role: 'analist',
      subject_pseudonym: subject,
      subject_type: 'person',
      trace_id: traceId,
    },
  }));
}

export interface WritePathResult {
  concurrency: number;
  /** Through the audit writer. */
  writerRecordsPerSecond: number;
  writerTransactions: number;
  /** Median time from write() to commit, ms. */
  writerMedianMs: number;
  /** The plain multi-row INSERT of the same rows. */
  plainRecordsPerSecond: number;
}

export interface WritePathOptions {
  databaseUrl: string;
  concurrencies: number[];
  seconds: number;
  recordsPerRequest: number;
}

async function withSchema<T>(databaseUrl: string, fn: (schema: string) => Promise<T>): Promise<T> {
  const schema = `audit_bench_${randomBytes(4).toString('hex')}`;
  try {
    return await fn(schema);
  } finally {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  }
}

/** Runs `request` in `concurrency` loops until `seconds` have passed; returns how many ran and the time taken. */
async function closedLoop(concurrency: number, seconds: number, request: (n: number) => Promise<void>): Promise<{ requests: number; seconds: number }> {
  let next = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) await request(next++);
    }),
  );
  return { requests: next, seconds: (performance.now() - started) / 1000 };
}

async function throughWriter(options: WritePathOptions, concurrency: number): Promise<Pick<WritePathResult, 'writerRecordsPerSecond' | 'writerTransactions' | 'writerMedianMs'>> {
  return withSchema(options.databaseUrl, async (schema) => {
    const db = await openStore({ databaseUrl: options.databaseUrl, schema });
    const keysDir = await mkdtemp(join(tmpdir(), 'doelpoort-audit-bench-'));
    try {
      let transactions = 0;
      // A transaction, or a statement on its own that advances the head (the writer's one-statement append), is one commit.
      const counted: Db = {
        ...db,
        query: (sql, params) => ((transactions += /UPDATE audit_head/.test(sql) ? 1 : 0), db.query(sql, params)),
        transaction: (fn) => ((transactions += 1), db.transaction(fn)),
      };
      const writer = createAuditWriter(counted, { checkpoints: { keys: await loadSigningKeys(keysDir), every: 1000 } });
      const latencies: number[] = [];
      const run = await closedLoop(concurrency, options.seconds, async (n) => {
        const t = performance.now();
        await writer.write(requestRecords(n, options.recordsPerRequest));
        latencies.push(performance.now() - t);
      });
      latencies.sort((a, b) => a - b);
      return {
        writerRecordsPerSecond: (run.requests * options.recordsPerRequest) / run.seconds,
        writerTransactions: transactions,
        writerMedianMs: latencies[Math.floor(latencies.length / 2)] ?? NaN,
      };
    } finally {
      await db.close();
      await rm(keysDir, { recursive: true, force: true });
    }
  });
}

async function plainInsert(options: WritePathOptions, concurrency: number): Promise<number> {
  return withSchema(options.databaseUrl, async (schema) => {
    // Migrated like the store, so the table, its generated columns and its indexes are the same.
    await (await openStore({ databaseUrl: options.databaseUrl, schema })).close();
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: concurrency, options: `-c search_path=${schema}` });
    try {
      // The rows' texts are made before the clock starts: the limit is the database's.
      const bodies = Array.from({ length: 200 }, (_, n) => requestRecords(n, options.recordsPerRequest).map((r) => ({ kind: r.kind, json: canonicalJson(r.body) })));
      const hash = 'a'.repeat(64);
      const recordedAt = new Date().toISOString();
      let seq = 0;
      const run = await closedLoop(concurrency, options.seconds, async (n) => {
        const values: unknown[] = [];
        const rows = bodies[n % bodies.length]!.map((row) => {
          const p = values.length;
          values.push((seq += 1), row.kind, recordedAt, row.json, hash, hash);
          return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}::jsonb, $${p + 5}, $${p + 6})`;
        });
        await pool.query(`INSERT INTO audit_log (seq, kind, recorded_at, body, prev_hash, hash) VALUES ${rows.join(', ')}`, values);
      });
      return (run.requests * options.recordsPerRequest) / run.seconds;
    } finally {
      await pool.end();
    }
  });
}

export async function measureAuditWritePath(options: WritePathOptions): Promise<WritePathResult[]> {
  const results: WritePathResult[] = [];
  for (const concurrency of options.concurrencies) {
    const writer = await throughWriter(options, concurrency);
    const plainRecordsPerSecond = await plainInsert(options, concurrency);
    results.push({ concurrency, ...writer, plainRecordsPerSecond });
  }
  return results;
}
