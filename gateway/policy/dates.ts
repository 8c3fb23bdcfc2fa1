/** Calendar days as ISO strings (YYYY-MM-DD). Project periods are Dutch calendar days. */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written as YYYY-MM-DD ("2026-02-30" is not one). */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const AMSTERDAM_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The last moment formatted, and its day: a request asks for the day of its moment several times (its rules, its person limit, its records). */
let last: { time: number; day: string } | undefined;

/** The calendar day in the Netherlands at a moment, e.g. 2025-12-31T23:30Z is "2026-01-01". */
export function dutchDayOf(moment: Date): string {
  const time = moment.getTime();
  if (last?.time !== time) last = { time, day: AMSTERDAM_DAY.format(moment) };
  return last.day;
}
