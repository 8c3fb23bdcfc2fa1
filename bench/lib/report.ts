/** docs/benchmarks.md from one run: the targets with their verdicts, then each measurement's table. */
import type { WritePathResult } from '../../scripts/audit-write-path.ts';
import type { EmbeddedResult } from '../embedded.ts';
import { median } from './load.ts';
import type { Row } from './measure.ts';
import { med, NOT_MEASURED, type TargetVerdict } from './targets.ts';

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '-');

export function throughputTable(rows: Row[], baseLabel: string | undefined): string {
  const base = rows.find((r) => r.label === baseLabel);
  const partners = rows.some((r) => r.partnersCpuPerRequest.length > 0);
  const lines = [
    `| gateway | rps (median) | × ${base?.label ?? '-'} | p50 ms | p95 ms | p99 ms | gateway CPU ms per request |${partners ? ' partners CPU ms per request |' : ''} errors (all rounds) | wrong answers? | peak RSS MiB | rps per round |`,
    `|---|---:|---:|---:|---:|---:|---:|${partners ? '---:|' : ''}---:|---|---:|---|`,
  ];
  for (const r of rows) {
    const errors = r.rounds.reduce((sum, x) => sum + x.errors, 0);
    const total = r.rounds.reduce((sum, x) => sum + x.requests, 0);
    lines.push(
      `| ${r.label} | ${fmt(med(r, 'rps'), 1)} | ${base ? fmt(med(r, 'rps') / med(base, 'rps'), 2) : '-'} | ${fmt(med(r, 'p50'))} | ${fmt(med(r, 'p95'))} | ${fmt(med(r, 'p99'))} | ${fmt(median(r.cpuPerRequest), 1)} |${partners ? ` ${fmt(median(r.partnersCpuPerRequest), 1)} |` : ''} ${errors} of ${total} | ${r.correctFirst ? 'no' : '**yes**'} | ${r.rssMiB} | ${r.rounds.map((x) => fmt(x.rps)).join(' / ')} |`,
    );
  }
  return lines.join('\n');
}

export function latencyTable(rows: Row[], baseLabel: string): string {
  const base = rows.find((r) => r.label === baseLabel);
  const lines = ['| gateway | p50 ms | × off | p99 ms | × off | rps | errors | p50 / p99 per round |', '|---|---:|---:|---:|---:|---:|---:|---|'];
  for (const r of rows) {
    const ratio = (key: 'p50' | 'p99') => (base ? fmt(med(r, key) / med(base, key), 2) : '-');
    lines.push(`| ${r.label} | ${fmt(med(r, 'p50'))} | ${ratio('p50')} | ${fmt(med(r, 'p99'))} | ${ratio('p99')} | ${fmt(med(r, 'rps'), 1)} | ${r.rounds.reduce((s, x) => s + x.errors, 0)} | ${r.rounds.map((x) => `${fmt(x.p50)}/${fmt(x.p99)}`).join(' · ')} |`);
  }
  return lines.join('\n');
}

export function contentionTable(rows: Row[]): string {
  const lines = [
    '| gateway | rps (median) | audit write ms, write() to commit (mean, from /metrics) | mean sessions waiting for the chain lock | lock wait ms per request | share of time inside the chain transaction (before COMMIT) | gateway CPU ms per request (all replicas) |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows.filter((x) => x.probes.length > 0)) {
    const probe = (key: string) => median(r.probes.map((p) => p[key] ?? NaN));
    lines.push(`| ${r.label} | ${fmt(med(r, 'rps'), 1)} | ${fmt(probe('auditWriteMeanMs'), 1)} | ${fmt(probe('chainWaitingSessions'), 2)} | ${fmt(probe('chainWaitMsPerRequest'), 1)} | ${fmt(probe('chainBusyShare') * 100)} % | ${fmt(median(r.cpuPerRequest), 1)} |`);
  }
  return lines.join('\n');
}

export function targetsTable(verdicts: TargetVerdict[]): string {
  const met = (v: TargetVerdict) => (v.value === NOT_MEASURED ? '-' : v.met === undefined ? 'reported (no bar)' : v.met ? 'met' : '**not met**');
  return ['| target | value | |', '|---|---|---|', ...verdicts.map((v) => `| ${v.target} | ${v.value} | ${met(v)} |`)].join('\n');
}

export function embeddedTable(e: EmbeddedResult): string {
  return [
    '| | value |',
    '|---|---:|',
    `| \`npm start\` to /health/ready 200, new data folder | ${fmt(e.firstStartMs / 1000, 1)} s |`,
    `| RSS at ready | ${e.rssAtReadyMiB} MiB |`,
    `| RSS after ${e.requests} audited requests (${e.requestErrors} errors) | ${e.rssAfterRequestsMiB} MiB |`,
    `| peak RSS (VmHWM) until then | ${e.peakRssMiB} MiB |`,
    `| \`npm start\` to ready again, existing data folder | ${fmt(e.restartMs / 1000, 1)} s |`,
    `| RSS at ready, existing data folder | ${e.rssAtRestartReadyMiB} MiB |`,
  ].join('\n');
}

export function writePathTable(results: WritePathResult[]): string {
  return [
    '| concurrent requests | audit writer records/s | plain multi-row INSERT records/s | writer / plain | writer transactions | writer median ms per write |',
    '|---:|---:|---:|---:|---:|---:|',
    ...results.map((r) => `| ${r.concurrency} | ${fmt(r.writerRecordsPerSecond)} | ${fmt(r.plainRecordsPerSecond)} | ${fmt(r.writerRecordsPerSecond / r.plainRecordsPerSecond, 2)} | ${r.writerTransactions} | ${fmt(r.writerMedianMs, 1)} |`),
  ].join('\n');
}
