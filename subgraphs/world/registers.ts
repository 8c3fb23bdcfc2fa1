/** The partner records of a World, filled step by step by the generator. */
import type { World } from './types.ts';

export type Registers = Omit<World, 'seed' | 'peildatum' | 'gemeente' | 'wijken' | 'adressen' | 'personen' | 'scenarios'>;

export function emptyRegisters(): Registers {
  return {
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
  };
}

/** Amounts the world uses (2026 levels, rounded; close to the real ones, not authoritative). */
export const BEDRAGEN = {
  bijstandGehuwden: 2001,
  aowAlleenstaand: 1580,
  aowSamenwonend: 1085,
  /** Child benefit per quarter by age band 0-5, 6-11, 12-17. */
  kinderbijslag: [285, 346, 406],
} as const;

/** Monthly social assistance for a single person sharing costs with `kostendelers` adults in all. */
export function bijstandAlleenstaande(kostendelers: number): number {
  return Math.round((BEDRAGEN.bijstandGehuwden * (40 + 30 * kostendelers)) / (100 * kostendelers));
}

export function kinderbijslagPerKwartaal(leeftijd: number): number {
  return BEDRAGEN.kinderbijslag[leeftijd < 6 ? 0 : leeftijd < 12 ? 1 : 2];
}
