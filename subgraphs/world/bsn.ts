/**
 * The burgerservicenummer: 9 digits d1..d9 with 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 divisible by 11
 * (the "11-proef").
 *
 * Synthetic range: every BSN in the world starts with "9999". The Dutch government's own test
 * persons (RvIG's BRP test set) use BSNs from 9999xxxxx, a range kept out of issue to real people,
 * so a number from it can never point at a real person. Within it:
 *   - 99990000c .. 99998999c: the random world, drawn by seed;
 *   - 99999000c .. 99999999c: the planted scenario persons, fixed for every seed.
 * (c is the check digit; serials whose check digit would be 10 are skipped.)
 */
import type { Rng } from './random.ts';

export const SYNTHETIC_BSN_PREFIX = '9999';
const PLANTED_SERIAL_START = 9000;

export function isValidBsn(value: string): boolean {
  if (!/^\d{9}$/.test(value) || value === '000000000') return false;
  return weightedSum(value.slice(0, 8)) % 11 === Number(value[8]);
}

/** The BSN with these 8 leading digits, or null when no check digit fits (it would be 10). */
export function completeBsn(firstEight: string): string | null {
  if (!/^\d{8}$/.test(firstEight)) throw new RangeError('completeBsn needs exactly 8 digits');
  const check = weightedSum(firstEight) % 11;
  return check === 10 ? null : `${firstEight}${check}`;
}

/** Whether a BSN is in the synthetic range that holds the planted scenario persons. */
export function isPlantedRangeBsn(bsn: string): boolean {
  return bsn.startsWith(SYNTHETIC_BSN_PREFIX) && Number(bsn.slice(4, 8)) >= PLANTED_SERIAL_START;
}

/** Every valid BSN of the random part of the synthetic range, in a seed-dependent order. */
export function randomBsnPool(rng: Rng): string[] {
  const pool: string[] = [];
  for (let serial = 0; serial < PLANTED_SERIAL_START; serial++) {
    const bsn = completeBsn(`${SYNTHETIC_BSN_PREFIX}${String(serial).padStart(4, '0')}`);
    if (bsn !== null) pool.push(bsn);
  }
  return rng.shuffle(pool);
}

function weightedSum(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += (9 - i) * Number(digits[i]);
  return sum;
}
