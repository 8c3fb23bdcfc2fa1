import { describe, expect, it } from 'vitest';
import { amountBand, applyMinimisation, count, exists, maskBsn, yearOf } from '../../gateway/policy/minimise.ts';
import { data } from './fixtures.ts';

const BANDS = data.covenant.amountBands;

describe('minimisation transforms', () => {
  it('masks a BSN to its last four digits', () => {
    expect(maskBsn('123456782')).toBe('*****6782');
    expect(() => maskBsn('12345678')).toThrow('cannot minimise a value that is not a 9-digit BSN as masked-bsn');
  });

  it('keeps the year of a date', () => {
    expect(yearOf('1984-05-12')).toBe('1984');
    expect(() => yearOf('12-05-1984')).toThrow('cannot minimise a value that is not a date (YYYY-MM-DD) as year');
  });

  it.each([
    [2842, '2500-5000'],
    [2500, '2500-5000'],
    [2499, '1000-2500'],
    [0, '0-1000'],
    [100000, '100000+'],
    [-35, '<0'],
  ])('puts %d in band %s (covenant bands)', (amount, band) => {
    expect(amountBand(amount, BANDS)).toBe(band);
  });

  it('counts a list and tells whether something exists', () => {
    expect(count([{ soort: 'huurtoeslag' }, { soort: 'zorgtoeslag' }])).toBe(2);
    expect(count(null)).toBe(0);
    expect(exists([])).toBe(false);
    expect(exists([{ soort: 'schuldhulp' }])).toBe(true);
    expect(exists(null)).toBe(false);
    expect(exists('rood')).toBe(true);
  });

  it('applies a transform by name', () => {
    expect(applyMinimisation('masked-bsn', '999990019', BANDS)).toBe('*****0019');
    expect(applyMinimisation('year', '1990-01-31', BANDS)).toBe('1990');
    expect(applyMinimisation('band', 4082, BANDS)).toBe('2500-5000');
    expect(applyMinimisation('band', [1500, 4082, 2842], BANDS)).toEqual(['1000-2500', '2500-5000', '2500-5000']);
    expect(applyMinimisation('count', [1, 2, 3], BANDS)).toBe(3);
    expect(applyMinimisation('exists', [], BANDS)).toBe(false);
    expect(() => applyMinimisation('band', { jaarbedrag: 2842 }, BANDS)).toThrow('cannot minimise a value that is not an amount as band');
    expect(() => applyMinimisation('count', 'drie', BANDS)).toThrow('cannot minimise a value that is not a list as count');
  });
});
