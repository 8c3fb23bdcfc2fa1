/**
 * The minimised forms a field can be given instead of its value (pure). Each throws a
 * MinimisationError on a value it cannot minimise; the caller then releases nothing.
 */
import type { Minimisation } from '../../schema/classification.ts';

export class MinimisationError extends Error {
  constructor(transform: Minimisation, what: string) {
    super(`cannot minimise ${what} as ${transform}`);
    this.name = 'MinimisationError';
  }
}

/** "123456782" → "*****6782": only the last four digits stay. */
export function maskBsn(bsn: string): string {
  if (typeof bsn !== 'string' || !/^\d{9}$/.test(bsn)) throw new MinimisationError('masked-bsn', 'a value that is not a 9-digit BSN');
  return `*****${bsn.slice(5)}`;
}

/** "1984-05-12" → "1984". */
export function yearOf(date: string): string {
  if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new MinimisationError('year', 'a value that is not a date (YYYY-MM-DD)');
  return date.slice(0, 4);
}

/** With bounds [0, 1000, 2500, 5000]: 2842 → "2500-5000", 5000 → "5000+", -10 → "<0". */
export function amountBand(amount: number, bounds: readonly number[]): string {
  if (typeof amount !== 'number' || !Number.isFinite(amount)) throw new MinimisationError('band', 'a value that is not an amount');
  const first = bounds[0];
  if (first === undefined) throw new MinimisationError('band', 'an amount without bands');
  if (amount < first) return `<${first}`;
  const index = bounds.filter((bound) => bound <= amount).length - 1;
  const upper = bounds[index + 1];
  return upper === undefined ? `${bounds[index]}+` : `${bounds[index]}-${upper}`;
}

/** The number of items in a list; null counts as none. */
export function count(list: readonly unknown[] | null): number {
  if (list === null) return 0;
  if (!Array.isArray(list)) throw new MinimisationError('count', 'a value that is not a list');
  return list.length;
}

/** Whether there is anything: a non-empty list, or any value but null/undefined. */
export function exists(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return value !== null && value !== undefined;
}

/** The minimised form of a value; a list of amounts gets a band per amount. */
export function applyMinimisation(transform: Minimisation, value: unknown, amountBands: readonly number[]): unknown {
  switch (transform) {
    case 'masked-bsn':
      return maskBsn(value as string);
    case 'year':
      return yearOf(value as string);
    case 'band':
      return Array.isArray(value) ? value.map((amount) => amountBand(amount as number, amountBands)) : amountBand(value as number, amountBands);
    case 'count':
      return count(value as unknown[] | null);
    case 'exists':
      return exists(value);
  }
}
