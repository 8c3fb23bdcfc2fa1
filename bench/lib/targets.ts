/**
 * Issue #18's targets, judged from one run's rows: each with its value and whether it is met
 * (undefined: not measured in this run, or a figure to report with no bar).
 */
import type { WritePathResult } from '../../scripts/audit-write-path.ts';
import type { EmbeddedResult } from '../embedded.ts';
import { median, type RoundResult } from './load.ts';
import type { Row } from './measure.ts';

export interface TargetVerdict {
  target: string;
  value: string;
  met: boolean | undefined;
}

export const NOT_MEASURED = 'not measured in this run';

type Key = keyof Pick<RoundResult, 'rps' | 'p50' | 'p95' | 'p99'>;
export const med = (row: Row, key: Key) => median(row.rounds.map((r) => r[key]));

/** at least `bar` × base (throughput) */
function atLeast(target: string, row: Row | undefined, base: Row | undefined, bar: number, what: string): TargetVerdict {
  if (!row || !base) return { target, value: NOT_MEASURED, met: undefined };
  const ratio = med(row, 'rps') / med(base, 'rps');
  return { target, value: `${ratio.toFixed(2)}× (${med(row, 'rps').toFixed(1)} against ${med(base, 'rps').toFixed(1)} rps, ${what})`, met: ratio >= bar };
}

/** at most `bar` × base (a latency percentile) */
function atMost(target: string, row: Row | undefined, base: Row | undefined, key: Key, bar: number): TargetVerdict {
  if (!row || !base) return { target, value: NOT_MEASURED, met: undefined };
  const ratio = med(row, key) / med(base, key);
  return { target, value: `${ratio.toFixed(2)}× (${med(row, key).toFixed(0)} against ${med(base, key).toFixed(0)} ms)`, met: ratio <= bar };
}

export interface TargetInput {
  workload1: Row[];
  /** Labels of Doelpoort with policy + audit on in workload 1. */
  workload1Doelpoort: string;
  workload2: Row[];
  workload2OneConnection: Row[];
  labels: { off: string; pglite: string; postgres: string };
  /** The replicas' row of workload 2, when --replicas was given. */
  replicas?: string;
  embedded?: EmbeddedResult;
  writePath: WritePathResult[];
}

/** The figures the issue asks to see, with no bar: reported, judged by the reader. */
function reported(input: TargetInput): TargetVerdict[] {
  const e = input.embedded;
  const replicas = input.workload2.find((r) => r.label === input.replicas);
  const single = input.workload2.find((r) => r.label === input.labels.postgres);
  const probe = (key: string) => (replicas ? median(replicas.probes.map((p) => p[key] ?? NaN)) : NaN);
  return [
    {
      target: 'The embedded default: `npm start` to ready, RSS at ready and after 10,000 audited requests',
      value: e ? `${(e.firstStartMs / 1000).toFixed(1)} s (new data folder), ${(e.restartMs / 1000).toFixed(1)} s (existing); RSS ${e.rssAtReadyMiB} MiB at ready, ${e.rssAfterRequestsMiB} MiB after ${e.requests} audited requests` : NOT_MEASURED,
      met: undefined,
    },
    {
      target: 'Audit write path on PostgreSQL (`npm run bench:audit`): records/s with 1, 4, 16 concurrent requests, against a plain multi-row INSERT',
      value: input.writePath.length ? input.writePath.map((r) => `${r.concurrency}: ${r.writerRecordsPerSecond.toFixed(0)} of ${r.plainRecordsPerSecond.toFixed(0)} (${(r.writerRecordsPerSecond / r.plainRecordsPerSecond).toFixed(2)}×)`).join('; ') : NOT_MEASURED,
      met: undefined,
    },
    {
      target: `Replicas on one PostgreSQL (\`--replicas N\`): throughput and the audit chain's contention`,
      value: replicas
        ? `${replicas.label}: ${med(replicas, 'rps').toFixed(1)} rps${single ? ` (one gateway: ${med(single, 'rps').toFixed(1)})` : ''}; ${probe('chainWaitingSessions').toFixed(2)} sessions waiting for the chain lock on average, ${probe('chainWaitMsPerRequest').toFixed(1)} ms lock wait per request`
        : NOT_MEASURED,
      met: undefined,
    },
  ];
}

export function evaluateTargets(input: TargetInput): TargetVerdict[] {
  const rowOf = (rows: Row[], label: string) => rows.find((r) => r.label === label);
  const { off, pglite, postgres } = input.labels;
  const fastestPeer = input.workload1.filter((r) => r.peer).sort((a, b) => med(b, 'rps') - med(a, 'rps'))[0];
  const verdicts: TargetVerdict[] = [
    atLeast('Workload 1: Doelpoort (policy + audit on) ≥ 1.5× the fastest Node peer', rowOf(input.workload1, input.workload1Doelpoort), fastestPeer, 1.5, `fastest peer: ${fastestPeer?.label ?? '-'}`),
    atLeast('Workload 2 on PostgreSQL: policy + audit on ≥ 0.85× policy off', rowOf(input.workload2, postgres), rowOf(input.workload2, off), 0.85, 'medians of rounds'),
    atLeast('Workload 2 on PGlite (embedded default): policy + audit on ≥ 0.7× policy off', rowOf(input.workload2, pglite), rowOf(input.workload2, off), 0.7, 'medians of rounds'),
  ];
  for (const [store, label] of [['PGlite', pglite], ['PostgreSQL', postgres]] as const) {
    for (const key of ['p50', 'p99'] as const) {
      verdicts.push(atMost(`Workload 2, one connection, ${store}: ${key} with policy + audit on ≤ 1.3× policy off`, rowOf(input.workload2OneConnection, label), rowOf(input.workload2OneConnection, off), key, 1.3));
    }
  }
  return [...verdicts, ...reported(input)];
}
