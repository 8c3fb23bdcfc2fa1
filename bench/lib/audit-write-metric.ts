/**
 * The gateway's own figure for its audit writes, read from its /metrics: the histogram
 * doelpoort_audit_write_duration_seconds (write() to commit of each request's records: the wait
 * in the writer's queue behind the transaction under way, the wait for the chain's lock, and the
 * transaction). The round's mean is the difference of its sum and count over the round, summed
 * over the gateway's processes (the replicas).
 */
import type { RoundProbe } from './measure.ts';

async function sumAndCount(origin: string): Promise<{ sum: number; count: number }> {
  const text = await (await fetch(`${origin}/metrics`)).text();
  const value = (name: string) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
  return { sum: value('doelpoort_audit_write_duration_seconds_sum'), count: value('doelpoort_audit_write_duration_seconds_count') };
}

export function auditWriteProbe(origins: string[]): RoundProbe {
  const read = async () => {
    const all = await Promise.all(origins.map(sumAndCount));
    return { sum: all.reduce((s, x) => s + x.sum, 0), count: all.reduce((s, x) => s + x.count, 0) };
  };
  return async () => {
    const before = await read();
    return async () => {
      const after = await read();
      return { auditWriteMeanMs: ((after.sum - before.sum) * 1000) / Math.max(1, after.count - before.count) };
    };
  };
}

/** Several probes as one: their figures side by side. */
export function bothProbes(a: RoundProbe, b: RoundProbe): RoundProbe {
  return async () => {
    const [stopA, stopB] = await Promise.all([a(), b()]);
    return async (requests) => ({ ...(await stopA(requests)), ...(await stopB(requests)) });
  };
}
