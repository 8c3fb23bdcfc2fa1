import { describe, expect, it } from 'vitest';
import { containsBsnLike, looksLikeBsn, passesElevenTest } from '../../gateway/policy/bsn-like.ts';

describe('passesElevenTest', () => {
  it('holds for BSNs and not for other nine-digit numbers', () => {
    expect(['999990007', '999990226', '111222333'].map(passesElevenTest)).toEqual([true, true, true]);
    expect(['999990008', '123456789', '000000000', '99999000', '9999900070'].map(passesElevenTest)).toEqual([false, false, false, false, false]);
  });
});

describe('containsBsnLike (issue 12, item 10)', () => {
  it.each([
    'Bewoner met BSN 999990007 woont er niet',
    'Bewoner 9999.90.007 woont er niet',
    'Bewoner 9999 90 226 woont er niet',
    'Bewoner 999-990-007 woont er niet',
    'Zie 99 99 90 00 7.',
    'een nummer 12345678 getypt',
    'een nummer 123456789 getypt',
    // Pasted or typed in other spellings: any space (double, no-break, tab, new line), any dash,
    // underscores, and digits of other forms or scripts (full-width, Arabic-Indic).
    'Bewoner 999  990  007 woont er niet',
    'Bewoner 999\u00a0990\u00a0007 woont er niet',
    'Bewoner 999\t990\n007 woont er niet',
    'Bewoner 999\u2013990\u2013007 woont er niet',
    'Bewoner 999 - 990 - 007 woont er niet',
    'Bewoner 999_990_007 woont er niet',
    'Bewoner 999,990,007 woont er niet',
    'Bewoner 999/990/007 woont er niet',
    'Bewoner \uff19\uff19\uff19\uff19\uff19\uff10\uff10\uff10\uff17 woont er niet',
    'Bewoner \u0669\u0669\u0669\u0669\u0669\u0660\u0660\u0660\u0667 woont er niet',
  ])('finds one in %j', (text) => {
    expect(containsBsnLike(text)).toBe(true);
  });

  it.each([
    'Overlappende signalen van woningcorporatie en Belastingdienst',
    'Adres 9999200000900001, bezoek op 2026-11-01 om 10.30',
    'Huur EUR 1.500 per maand, 4 units van 20 m2',
    'Bel 06-1234 5678 voor een afspraak',
    'Bewoner 9999.90.008 is geen geldig nummer',
    'Bewoner 9999\u00a090\u00a0008 is geen geldig nummer',
    'Bedragen 120,50 en 1.234,56 per maand, 3/4 van de tijd',
  ])('finds none in %j', (text) => {
    expect(containsBsnLike(text)).toBe(false);
  });
});

describe('looksLikeBsn (issue 12, item 11)', () => {
  it.each(['999990007', '9999.90.007', ' 9999 90 226 ', 'emp-999990007', '12345678', '123456789', '9999\u00a090\u00a0226', '\uff19\uff19\uff19\uff19\uff19\uff10\uff10\uff10\uff17'])('an id %j looks like a BSN', (id) => {
    expect(looksLikeBsn(id)).toBe(true);
  });
  it.each(['emp-017', 'emp-123456789', 'f81d4fae-7dec-11d0-a765-00a0c91e6bf6', '12345678-1234-1234-1234-123456789012'])('an id %j does not', (id) => {
    expect(looksLikeBsn(id)).toBe(false);
  });
});
