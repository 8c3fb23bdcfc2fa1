/**
 * Structured logs by pino: one JSON object per line, `level`, `time` and the event's name first,
 * then the event's fields. Every line passes through `redact` (our nine-digit mask, in pino's log
 * formatter) and pino's own redaction of fields that must never be written (`bsn`,
 * `authorization`), so a BSN anywhere in a line is masked. A log line says what happened to a
 * request (its trace id, status, how many fields were allowed, minimised and denied, which
 * partners were called), never who or what it was about.
 */
import type { Writable } from 'node:stream';
import { pino } from 'pino';
import type { PartnerCallRecord } from '../executor/execute.ts';
import type { Decision } from '../policy/types.ts';
import { redact } from './redact.ts';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

export interface LoggerOptions {
  /** process.stdout by default. */
  stream?: Pick<Writable, 'write'>;
  /** Events below this level are not written; `info` by default. */
  level?: LogLevel;
  now?: () => Date;
}

/** Fields that are never written, wherever they sit one level deep: pino replaces their values. */
const NEVER_WRITTEN = ['bsn', '*.bsn', 'authorization', '*.authorization'];

/** Each character of a never-written value becomes an asterisk, as the mask does with digits. */
function censor(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? '*'.repeat(String(value).length) : '[redacted]';
}

/** The line's own keys: a field may not overwrite them. */
const OWN_KEYS = new Set(['level', 'time', 'event']);

export function createLogger(options: LoggerOptions = {}): Logger {
  const now = options.now ?? (() => new Date());
  const logger = pino(
    {
      level: options.level ?? 'info',
      base: undefined,
      timestamp: () => `,"time":"${now().toISOString()}"`,
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => redact(object) as Record<string, unknown>,
      },
      redact: { paths: NEVER_WRITTEN, censor },
    },
    options.stream ?? process.stdout,
  );
  const write = (level: LogLevel) => (event: string, fields: LogFields = {}) => {
    const line: Record<string, unknown> = { event };
    for (const [key, value] of Object.entries(fields)) if (!OWN_KEYS.has(key)) line[key] = value;
    try {
      logger[level](line);
    } catch {
      // A log that cannot be written must not fail the request it describes.
    }
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

export interface DecisionCounts {
  allow: number;
  minimise: number;
  deny: number;
}

export function countDecisions(records: readonly { decision: Decision }[]): DecisionCounts {
  const counts: DecisionCounts = { allow: 0, minimise: 0, deny: 0 };
  for (const { decision } of records) counts[decision.outcome] += 1;
  return counts;
}

export interface RequestLogInput {
  /** Absent when the request was refused before it had a trace (a bad token, a bad header). */
  traceId?: string;
  requestId?: string;
  method: string;
  /** The path, when it is one of the gateway's; "(other)" for anything else (a path could hold anything). */
  route: string;
  durationMs: number;
  /** The HTTP status answered. */
  status: number;
  /** "ok", or the error code answered (UNAUTHENTICATED, PAYLOAD_TOO_LARGE, AUDIT_UNAVAILABLE, ...). */
  reason: string;
  /** For a GraphQL request that was executed: its operations. */
  executed?: {
    operationName: string | null;
    decisions: DecisionCounts;
    partnerCalls: readonly PartnerCallRecord[];
  };
}

/** The fields of the `request` event: only these, so nothing about a subject can slip in. */
export function requestLogLine(input: RequestLogInput): LogFields {
  return {
    ...(input.traceId ? { traceId: input.traceId } : {}),
    ...(input.requestId ? { requestId: input.requestId } : {}),
    method: input.method,
    route: input.route,
    durationMs: input.durationMs,
    status: input.status,
    reason: input.reason,
    ...(input.executed
      ? {
          operationName: input.executed.operationName,
          decisions: { allow: input.executed.decisions.allow, minimise: input.executed.decisions.minimise, deny: input.executed.decisions.deny },
          partnerCalls: input.executed.partnerCalls.map((call) => ({
            partner: call.graph,
            ok: call.ok,
            durationMs: call.endedAt.getTime() - call.startedAt.getTime(),
            ...(call.failure ? { failure: call.failure } : {}),
          })),
        }
      : {}),
  };
}
