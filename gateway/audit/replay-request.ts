/**
 * The options of a replay as a privacy officer gives them (`npm run audit:replay`, POST
 * /audit/replay): a period, a project, one request by trace id. Checked here once for both.
 */
import { z } from 'zod';
import type { ReplayFilter } from './replay-store.ts';

export class ReplayOptionError extends Error {}

export const replayFilterShape = {
  /** Committed at or after (ISO 8601 with offset, as the audit API's `from`). */
  from: z.iso.datetime({ offset: true }).optional(),
  /** Committed before. */
  to: z.iso.datetime({ offset: true }).optional(),
  project: z.string().regex(/^[a-z0-9-]+$/, 'a project id').optional(),
  trace: z.string().regex(/^[0-9a-f]{32}$/, 'a W3C trace id: 32 lowercase hex digits').optional(),
};

const filterOptions = z.strictObject(replayFilterShape);

/** The filter of checked options; `named` says how an option is called where it was given ("--from", "from"). */
export function replayFilter(options: Record<string, unknown>, named: (option: string) => string): ReplayFilter {
  const present = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  const result = filterOptions.safeParse(present);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new ReplayOptionError(`${issue.path.length > 0 ? named(String(issue.path[0])) : 'options'}: ${issue.message}`);
  }
  const { from, to, project, trace } = result.data;
  if (from && to && Date.parse(from) >= Date.parse(to)) throw new ReplayOptionError(`${named('from')} must be before ${named('to')}`);
  return {
    ...(from ? { from: new Date(from) } : {}),
    ...(to ? { to: new Date(to) } : {}),
    ...(project ? { project } : {}),
    ...(trace ? { traceId: trace } : {}),
  };
}
