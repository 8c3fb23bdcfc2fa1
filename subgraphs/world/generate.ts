/**
 * generateWorld(seed): one consistent fictional municipality, its residents and every record each
 * partner holds about them. The random part depends on the seed; the planted scenarios of BRIEF §6
 * (planted.ts) have the same identifiers for every seed.
 */
import { generateAdressen } from './addresses.ts';
import { randomBsnPool } from './bsn.ts';
import { GEMEENTE, PEILDATUM, WIJKEN } from './gemeente.ts';
import { createRng } from './random.ts';
import { generateHuishoudens } from './residents.ts';
import type { World } from './types.ts';

export function generateWorld(seed: number): World {
  const rng = createRng(seed);
  const bsnPool = randomBsnPool(rng);
  const gegenereerd = generateAdressen(rng);
  const huishoudens = generateHuishoudens(rng, gegenereerd, bsnPool);
  return {
    seed,
    peildatum: PEILDATUM,
    gemeente: { ...GEMEENTE },
    wijken: WIJKEN.map((w) => ({ ...w, postcodeGebieden: [...w.postcodeGebieden] })),
    adressen: gegenereerd.map((g) => g.adres),
    personen: huishoudens.flatMap((h) => [...h.volwassenen, ...h.kinderen]),
    bijstand: [],
    risicoscores: [],
    burgermeldingen: [],
    zorgtrajecten: [],
    dienstverbanden: [],
    uwvUitkeringen: [],
    toeslagen: [],
    inkomens: [],
    aow: [],
    kinderbijslag: [],
    leefsituaties: [],
    werkgevers: [],
    huisvesting: [],
    loonbevindingen: [],
    verblijfsstatussen: [],
    politieRegistraties: [],
    huurcontracten: [],
    corporatieMeldingen: [],
    voertuigen: [],
    ibSignalen: [],
    signalen: [],
    scenarios: [],
  };
}
