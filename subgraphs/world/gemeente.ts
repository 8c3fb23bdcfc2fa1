/** The fixed frame of the world: one fictional municipality, its neighbourhoods and reference date. */
import type { Wijk } from './types.ts';

export const PEILDATUM = '2026-11-01';

/** "9999" is not a CBS municipality code, so no BAG id here can be a real one. */
export const GEMEENTE = { code: '9999', naam: 'Doelstad' } as const;
export const WOONPLAATS = 'Doelstad';

/** Klingerhof is the area of the active LSI project: every planted scenario address lies in it. */
export const SCENARIO_WIJK_CODE = 'WK999901';

export const WIJKEN: readonly Wijk[] = [
  { code: 'WK999901', naam: 'Klingerhof', postcodeGebieden: ['5971', '5972'] },
  { code: 'WK999902', naam: 'Oude Haven', postcodeGebieden: ['5973'] },
  { code: 'WK999903', naam: 'Maasveld', postcodeGebieden: ['5974', '5975'] },
  { code: 'WK999904', naam: 'Bergerwaard', postcodeGebieden: ['5976'] },
];

/** Letter pairs starting with this letter are reserved for planted addresses in every area. */
export const PLANTED_POSTCODE_LETTER = 'Z';

export const CORPORATIES = ['Woonstichting Doelstad', 'Maasoever Wonen'] as const;

/** The legal minimum hourly wage used throughout the world, in euro cents. */
export const MINIMUM_UURLOON_CENT = 1440;

/** BAG nummeraanduiding id: municipality code + "20" + a 10-digit serial. */
export function bagAdresId(serial: number): string {
  return `${GEMEENTE.code}20${String(serial).padStart(10, '0')}`;
}
