/**
 * The clock requests are judged by. A served build runs on the system clock; the embedded default
 * can start at a chosen instant (`clockStart`, refused once `auth` is configured) and run on from
 * there, so that a demonstration can show a day before a partner's signal honestly.
 */
import type { Config } from './schema.ts';

export type Clock = () => Date;

/** The system clock, or a clock that starts at `clockStart` when the process starts and runs at the same pace. */
export function clockOf(config: Pick<Config, 'clockStart' | 'auth'>, systemNow: Clock = () => new Date()): Clock {
  if (config.clockStart === undefined) return systemNow;
  if (config.auth !== undefined) throw new Error('Configuration error: clockStart is refused once auth is configured.');
  const offset = Date.parse(config.clockStart) - systemNow().getTime();
  return () => new Date(systemNow().getTime() + offset);
}
