import { describe, expect, it } from 'vitest';
import { completeBsn, isPlantedRangeBsn, isValidBsn, randomBsnPool } from '../../subgraphs/world/bsn.ts';
import { createRng } from '../../subgraphs/world/random.ts';

describe('isValidBsn', () => {
  it.each([
    ['999990007', true],
    ['999990019', true],
    ['111222333', true],
    ['123456782', true],
    ['999990008', false],
    ['123456789', false],
    ['000000000', false],
    ['99999000', false],
    ['9999900070', false],
    ['99999000a', false],
    [' 99999000', false],
    ['', false],
  ])('%s -> %s', (value, valid) => {
    expect(isValidBsn(value)).toBe(valid);
  });
});

describe('completeBsn', () => {
  it('appends the check digit that satisfies the 11-check', () => {
    expect(completeBsn('99999000')).toBe('999990007');
    expect(completeBsn('12345678')).toBe('123456782');
  });

  it('gives null when the check digit would be 10', () => {
    // 9*9 + 8*9 + 7*9 + 6*9 + 5*9 + 4*0 + 3*1 + 2*0 = 318, and 318 % 11 = 10
    expect(completeBsn('99999010')).toBeNull();
  });

  it('refuses anything but 8 digits', () => {
    expect(() => completeBsn('1234567')).toThrow('completeBsn needs exactly 8 digits');
  });
});

describe('randomBsnPool', () => {
  it('holds only valid, unique BSNs from 99990000c..99998999c', () => {
    const pool = randomBsnPool(createRng(1));
    expect(pool).toHaveLength(8182);
    expect(new Set(pool).size).toBe(pool.length);
    for (const bsn of pool) {
      expect(isValidBsn(bsn)).toBe(true);
      expect(bsn.startsWith('9999')).toBe(true);
      expect(isPlantedRangeBsn(bsn)).toBe(false);
    }
  });

  it('orders the pool by seed', () => {
    expect(randomBsnPool(createRng(1)).slice(0, 5)).toEqual(randomBsnPool(createRng(1)).slice(0, 5));
    expect(randomBsnPool(createRng(1)).slice(0, 5)).not.toEqual(randomBsnPool(createRng(2)).slice(0, 5));
  });
});
