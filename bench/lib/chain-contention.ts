/**
 * The audit chain's contention on PostgreSQL, measured from outside the gateways: every audit
 * transaction takes the `audit_head` row's lock (`SELECT … FROM audit_head FOR UPDATE`,
 * gateway/audit/checkpoint.ts `lockHead`) and holds it until COMMIT; that row is the one
 * serialisation point of all replicas. pg_stat_activity is sampled every few milliseconds during a
 * round, over the sessions of the contender measured (its application_name: other users of the
 * server, and the other contenders, do not count):
 *   - waiting: sessions waiting for that lock (wait_event_type 'Lock' on the lockHead statement);
 *   - holding: a session inside the chain's transaction after taking the lock (its last statement
 *     is the lock, the INSERT of the records, the head's UPDATE or a checkpoint), COMMIT excluded.
 * Sampling gives averages, not exact sums: the mean number of sessions waiting, times the round's
 * length, is the time spent waiting.
 */
import pg from 'pg';
import type { RoundProbe } from './measure.ts';

const SAMPLE = `
  SELECT count(*) FILTER (WHERE wait_event_type = 'Lock' AND query LIKE '%FROM audit_head FOR UPDATE%')::int AS waiting,
         count(*) FILTER (WHERE state <> 'idle' AND wait_event_type IS DISTINCT FROM 'Lock'
                            AND (query LIKE '%FROM audit_head FOR UPDATE%' OR query LIKE 'INSERT INTO audit_log %'
                                 OR query LIKE 'UPDATE audit_head %' OR query LIKE '%INSERT INTO audit_checkpoints %'))::int AS holding
    FROM pg_stat_activity
   WHERE application_name = $1 AND pid <> pg_backend_pid()`;

/** The database URL with an application_name, so that the probe can tell the contender's sessions. */
export function withApplicationName(url: string, name: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}application_name=${name}`;
}

export function chainContentionProbe(databaseUrl: string, applicationName: string, intervalMs = 5): RoundProbe {
  return async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    let samples = 0;
    let waiting = 0;
    let busy = 0;
    let stopped = false;
    const started = performance.now();
    const loop = (async () => {
      while (!stopped) {
        const { rows } = await client.query<{ waiting: number; holding: number }>(SAMPLE, [applicationName]);
        samples += 1;
        waiting += rows[0]!.waiting;
        if (rows[0]!.holding > 0) busy += 1;
        await new Promise((resolve) => setTimeout(resolve, intervalMs));
      }
    })();
    return async (requests) => {
      stopped = true;
      await loop;
      await client.end();
      const seconds = (performance.now() - started) / 1000;
      const meanWaiting = waiting / Math.max(1, samples);
      return {
        /** Mean number of sessions waiting for the chain's lock. */
        chainWaitingSessions: meanWaiting,
        /** Time spent waiting for the chain's lock, summed over sessions, per answered request. */
        chainWaitMsPerRequest: (meanWaiting * seconds * 1000) / Math.max(1, requests),
        /** Share of the samples in which some session was inside the chain's transaction (before COMMIT). */
        chainBusyShare: busy / Math.max(1, samples),
        samples,
      };
    };
  };
}
