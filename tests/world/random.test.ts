import { describe, expect, it } from 'vitest';
import { addYears, ageOn, isoDate, toDayNumber } from '../../subgraphs/world/dates.ts';
import { createRng } from '../../subgraphs/world/random.ts';

describe('createRng', () => {
  it('repeats its sequence for the same seed and differs for another', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(seqA);
  });

  it('keeps int, dateBetween and shuffle inside their bounds', () => {
    const rng = createRng(1);
    for (let i = 0; i < 1000; i++) {
      const n = rng.int(3, 5);
      expect(n >= 3 && n <= 5 && Number.isInteger(n)).toBe(true);
      const d = rng.dateBetween('2024-02-28', '2024-03-01');
      expect(['2024-02-28', '2024-02-29', '2024-03-01']).toContain(d);
    }
    expect(rng.shuffle([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('refuses empty ranges and lists', () => {
    const rng = createRng(1);
    expect(() => rng.int(5, 3)).toThrow('empty range [5, 3]');
    expect(() => rng.pick([])).toThrow('cannot pick from an empty list');
  });
});

describe('dates', () => {
  it('converts between ISO dates and day numbers', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(toDayNumber('2026-11-01')).toBe(20_758);
    expect(isoDate(20_758)).toBe('2026-11-01');
    expect(isoDate(-1)).toBe('1969-12-31');
    expect(() => toDayNumber('1-11-2026')).toThrow('not an ISO date: 1-11-2026');
  });

  it('counts age in whole years and moves 29 February to 28 February', () => {
    expect(ageOn('1959-11-01', '2026-11-01')).toBe(67);
    expect(ageOn('1959-11-02', '2026-11-01')).toBe(66);
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
  });
});
