/**
 * generateWorld(seed): one consistent fictional municipality, its residents and every record each
 * partner holds about them. The random part depends on the seed; the planted scenarios of BRIEF §6
 * (planted.ts) have the same identifiers for every seed and are added after it.
 */
import { generateAdressen } from './addresses.ts';
import { randomBsnPool } from './bsn.ts';
import { GEMEENTE, PEILDATUM, WIJKEN } from './gemeente.ts';
import { generateSvbRecords, generateToeslagen, generateVerblijfsstatussen, generateVoertuigen, generateWoonRecords } from './household-records.ts';
import {
  generateArbeidsinspectie,
  generateBurgermeldingen,
  generateCorporatieMeldingen,
  generateIbSignalen,
  generatePolitie,
  generateZorgtrajecten,
  selectMigrantHuishoudens,
} from './incidents.ts';
import { generateInkomens, generateWerkgevers } from './income.ts';
import { plantScenarios } from './planted.ts';
import { createRng } from './random.ts';
import { emptyRegisters } from './registers.ts';
import { generateHuishoudens } from './residents.ts';
import { deriveSignalen } from './signals.ts';
import type { World } from './types.ts';

export function generateWorld(seed: number): World {
  const rng = createRng(seed);
  const bsnPool = randomBsnPool(rng);
  const gegenereerd = generateAdressen(rng);
  const huishoudens = generateHuishoudens(rng, gegenereerd, bsnPool);
  const adressen = gegenereerd.map((g) => g.adres);
  const personen = huishoudens.flatMap((h) => [...h.volwassenen, ...h.kinderen]);
  const registers = emptyRegisters();

  generateWerkgevers(rng, huishoudens.flatMap((h) => h.volwassenen), registers);
  const migranten = selectMigrantHuishoudens(rng, huishoudens);
  const situaties = generateInkomens(rng, huishoudens, migranten, registers);
  generateWoonRecords(rng, huishoudens, registers);
  generateToeslagen(rng, huishoudens, situaties, registers);
  generateSvbRecords(rng, huishoudens, registers);
  generateVerblijfsstatussen(rng, huishoudens, migranten, registers);
  generateVoertuigen(rng, huishoudens, registers);
  generateArbeidsinspectie(rng, migranten, registers);
  generatePolitie(rng, huishoudens, registers);
  generateCorporatieMeldingen(rng, huishoudens, registers);
  generateBurgermeldingen(rng, huishoudens, registers);
  generateIbSignalen(rng, registers);
  generateZorgtrajecten(rng, huishoudens, registers);
  registers.signalen = deriveSignalen(rng, adressen, personen, registers);
  const scenarios = plantScenarios({ adressen, personen, ...registers });

  return {
    seed,
    peildatum: PEILDATUM,
    gemeente: { ...GEMEENTE },
    wijken: WIJKEN.map((w) => ({ ...w, postcodeGebieden: [...w.postcodeGebieden] })),
    adressen,
    personen,
    ...registers,
    scenarios,
  };
}
