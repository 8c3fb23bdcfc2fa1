/**
 * Rounds of load over contenders: a warm-up each, then rounds that alternate which contender goes
 * first. Per round: rps, latency, errors, and CPU per answered request from /proc, of the gateway's
 * processes and, apart, of the partners' process (workload 2).
 */
import { cpuMs, peakRssMiB, type Child } from './child.ts';
import type { Contender } from './contender.ts';
import { bodyChecker, loadRound, type RoundResult, type Target } from './load.ts';

export interface Row {
  label: string;
  peer: boolean;
  correctFirst: boolean;
  rounds: RoundResult[];
  /** Peak RSS of the gateway's process (of the largest replica). */
  rssMiB: number;
  /** The gateway's processes' CPU time per answered request, per round. */
  cpuPerRequest: number[];
  /** The partners' process's CPU time per answered request, per round (when the partners run apart). */
  partnersCpuPerRequest: number[];
  /** What a round probe measured, per round (the audit chain's contention with replicas). */
  probes: Record<string, number>[];
}

/** Started just before a round's load; its stop gives named figures for the round (given its answered requests). */
export type RoundProbe = () => Promise<(requests: number) => Promise<Record<string, number>>>;

export interface MeasureOptions {
  connections: number;
  rounds: number;
  durationSeconds: number;
  /** 0 skips the warm-up (the contenders are warm already). */
  warmupSeconds: number;
  partners?: Child;
  log: (line: string) => void;
}

const pidsOf = (children: Child[]) => children.map((c) => c.process.pid!);
const cpuOf = (pids: number[]) => pids.reduce((sum, pid) => sum + cpuMs(pid), 0);

async function firstAnswerIsCorrect(target: Target): Promise<boolean> {
  const url = Array.isArray(target.url) ? target.url[0]! : target.url;
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...target.headers }, body: target.body });
  return response.status === 200 && bodyChecker(target.expected)(await response.text());
}

export async function measure(contenders: Contender[], options: MeasureOptions): Promise<Row[]> {
  const { connections, log } = options;
  const rows = new Map<string, Row>();
  for (const c of contenders) {
    const correctFirst = await firstAnswerIsCorrect(c.target);
    log(`${c.label}: first answer ${correctFirst ? 'correct' : 'WRONG'}${options.warmupSeconds > 0 ? `; warming up ${options.warmupSeconds} s` : ''}`);
    if (options.warmupSeconds > 0) await loadRound(c.target, connections, options.warmupSeconds);
    rows.set(c.label, { label: c.label, peer: c.peer, correctFirst, rounds: [], rssMiB: 0, cpuPerRequest: [], partnersCpuPerRequest: [], probes: [] });
  }
  for (let round = 0; round < options.rounds; round += 1) {
    // Alternate: each round starts with the next contender.
    const order = contenders.map((_, i) => contenders[(i + round) % contenders.length]!);
    for (const c of order) {
      const pids = pidsOf(c.children);
      const before = cpuOf(pids);
      const partnersBefore = options.partners ? cpuMs(options.partners.process.pid!) : 0;
      const stopProbe = c.probe ? await c.probe() : undefined;
      const result = await loadRound(c.target, connections, options.durationSeconds);
      const probe = stopProbe ? await stopProbe(result.requests) : undefined;
      const per = (ms: number) => ms / Math.max(1, result.requests);
      const row = rows.get(c.label)!;
      row.rounds.push(result);
      row.cpuPerRequest.push(per(cpuOf(pids) - before));
      if (options.partners) row.partnersCpuPerRequest.push(per(cpuMs(options.partners.process.pid!) - partnersBefore));
      if (probe) row.probes.push(probe);
      log(
        `round ${round + 1} ${c.label} (${connections} connections): ${result.rps.toFixed(1)} rps, p50 ${result.p50.toFixed(0)} ms, p99 ${result.p99.toFixed(0)} ms, errors ${result.errors}${result.errorKinds ? ` ${JSON.stringify(result.errorKinds)}` : ''}, ` +
          `gateway ${row.cpuPerRequest.at(-1)!.toFixed(1)} CPU ms/request${options.partners ? `, partners ${row.partnersCpuPerRequest.at(-1)!.toFixed(1)}` : ''}${probe ? ` ${JSON.stringify(probe)}` : ''}`,
      );
    }
  }
  for (const c of contenders) rows.get(c.label)!.rssMiB = Math.max(...pidsOf(c.children).map(peakRssMiB));
  return [...rows.values()];
}
