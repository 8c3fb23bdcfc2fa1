/**
 * One load round with autocannon: fixed connections for a fixed time, every response body checked
 * against the expected answer (a fast wrong answer counts as an error).
 */
import { isDeepStrictEqual } from 'node:util';
import autocannon from 'autocannon';

export interface Target {
  /** Several URLs (replicas): the load tool spreads its connections over them, round-robin. */
  url: string | string[];
  headers: Record<string, string>;
  body: string;
  expected: unknown;
}

export interface RoundResult {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  requests: number;
  /** When there were errors: of which kind (autocannon's counts). */
  errorKinds?: { connection: number; timeouts: number; non2xx: number; wrongAnswers: number };
}

/** True when the body is the expected answer; verdicts are kept per distinct body text. */
export function bodyChecker(expected: unknown): (text: string) => boolean {
  const exact = JSON.stringify(expected);
  const verdicts = new Map<string, boolean>();
  return (text) => {
    if (text === exact) return true;
    let verdict = verdicts.get(text);
    if (verdict === undefined) {
      try {
        verdict = isDeepStrictEqual(JSON.parse(text), expected);
      } catch {
        verdict = false;
      }
      if (verdicts.size < 100) verdicts.set(text, verdict);
      if (!verdict) process.stderr.write(`[bench] wrong answer (first 600 characters): ${text.slice(0, 600)}\n`);
    }
    return verdict;
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** A round of `durationSeconds`, or of exactly `amount` requests when given (rps then over the time they took). */
export async function loadRound(target: Target, connections: number, durationSeconds: number, amount?: number): Promise<RoundResult> {
  const latencies: number[] = [];
  const verify = bodyChecker(target.expected);
  // Without a callback autocannon returns an instance that is also a promise of the result.
  // autocannon takes a list of URLs (connection i goes to URL i mod n); its types know only one.
  const instance = autocannon({
    url: target.url as string,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...target.headers },
    body: target.body,
    connections,
    ...(amount === undefined ? { duration: durationSeconds } : { amount }),
    timeout: 30,
    verifyBody: (body) => verify(typeof body === 'string' ? body : (body?.toString('utf8') ?? '')),
  }) as unknown as autocannon.Instance & Promise<autocannon.Result>;
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => latencies.push(responseTime));
  const result = await instance;
  latencies.sort((a, b) => a - b);
  return {
    rps: latencies.length / (amount === undefined ? durationSeconds : result.duration),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors: result.errors + result.timeouts + Math.max(result.non2xx, result.mismatches),
    ...(result.errors + result.timeouts + result.non2xx + result.mismatches > 0
      ? { errorKinds: { connection: result.errors, timeouts: result.timeouts, non2xx: result.non2xx, wrongAnswers: result.mismatches } }
      : {}),
    requests: latencies.length,
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
