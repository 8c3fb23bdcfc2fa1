/**
 * Work and income of the random residents: employers, employment (UWV polis), social assistance
 * (sociale dienst), UWV benefits, state pension (SVB) and yearly income (Belastingdienst).
 * A minority lives on a benefit; most adults of working age have a job.
 */
import { addYears, ageOn, maxDate } from './dates.ts';
import { PEILDATUM } from './gemeente.ts';
import { WERKGEVER_NAMEN } from './names.ts';
import type { Rng } from './random.ts';
import { BEDRAGEN, bijstandAlleenstaande, type Registers } from './registers.ts';
import type { Huishouden } from './residents.ts';
import type { Persoon, Werkgever } from './types.ts';

export type Bron = 'werk' | 'bijstand' | 'uwv' | 'aow' | 'studie' | 'geen';

/** What the income steps decided per adult; later steps (allowances, signals) read it. */
export interface Situatie {
  bron: Bron;
  /** Box 1 income of the previous year. */
  verzamelinkomen: number;
}

/** Employers that house labour migrants (Arbeidsinspectie's field). */
export const MIGRANT_WERKGEVER_NAMEN = ['Champignonkwekerij Noord B.V.', 'Uitzendbureau Werkvast B.V.', 'Kwekerij De Tuinderij B.V.'];

export function generateWerkgevers(rng: Rng, volwassenen: readonly Persoon[], registers: Registers): void {
  const ids = new Set<string>();
  for (const naam of WERKGEVER_NAMEN) {
    let id: string;
    do id = `8${rng.int(10_000_000, 98_999_999)}L01`;
    while (ids.has(id));
    ids.add(id);
    const eigenaar = naam.includes('Gemeente') || naam.includes('Zorggroep') || !rng.chance(0.4) ? null : rng.pick(volwassenen).bsn;
    registers.werkgevers.push({ werkgeverId: id, naam, kvkNummer: String(rng.int(10_000_000, 89_999_999)), eigenaarBsn: eigenaar });
  }
}

export function generateInkomens(
  rng: Rng,
  huishoudens: readonly Huishouden[],
  migrantHuishoudens: ReadonlySet<Huishouden>,
  registers: Registers,
): Map<string, Situatie> {
  const situaties = new Map<string, Situatie>();
  const gewoneWerkgevers = registers.werkgevers.filter((w) => !MIGRANT_WERKGEVER_NAMEN.includes(w.naam));
  const migrantWerkgevers = registers.werkgevers.filter((w) => MIGRANT_WERKGEVER_NAMEN.includes(w.naam));
  for (const h of huishoudens) {
    const isMigrant = migrantHuishoudens.has(h);
    const werkgever = isMigrant ? rng.pick(migrantWerkgevers) : undefined;
    const bijstandPaar = h.soort !== 'woongroep' && h.volwassenen.length === 2 && rng.chance(0.03);
    h.volwassenen.forEach((p, i) => {
      const leeftijd = ageOn(p.geboortedatum, PEILDATUM);
      const bron: Bron = isMigrant ? 'werk' : leeftijd >= 67 ? 'aow' : bijstandPaar ? 'bijstand' : pickBron(rng, leeftijd);
      let verzamelinkomen = 0;
      if (bron === 'werk') verzamelinkomen = werk(rng, p, werkgever ?? rng.pick(gewoneWerkgevers), isMigrant, registers);
      if (bron === 'bijstand' && (!bijstandPaar || i === 0)) verzamelinkomen = bijstand(rng, p, h, bijstandPaar, registers);
      if (bron === 'uwv') verzamelinkomen = uwv(rng, p, leeftijd, registers);
      if (bron === 'aow') verzamelinkomen = aow(rng, p, h, registers);
      if (bron === 'studie') verzamelinkomen = rng.int(0, 6_000);
      const vermogen = bron === 'bijstand' ? rng.int(0, 6_500) : vermogenFor(rng);
      registers.inkomens.push({ bsn: p.bsn, jaar: 2025, verzamelinkomen, vermogen });
      situaties.set(p.bsn, { bron, verzamelinkomen });
    });
  }
  return situaties;
}

function pickBron(rng: Rng, leeftijd: number): Bron {
  const r = rng.next();
  if (leeftijd < 25 && r < 0.3) return 'studie';
  if (r < 0.055) return 'bijstand';
  if (r < 0.105) return 'uwv';
  if (r < 0.83) return 'werk';
  return 'geen';
}

function werk(rng: Rng, p: Persoon, werkgever: Werkgever, isMigrant: boolean, registers: Registers): number {
  const loonPerMaand = isMigrant ? rng.int(230, 280) * 10 : rng.int(200, 580) * 10;
  const startdatum = rng.dateBetween(maxDate(addYears(p.geboortedatum, 18), isMigrant ? '2023-01-01' : '2005-01-01'), '2026-09-01');
  const eerderBegin = maxDate(addYears(p.geboortedatum, 18), '2004-01-01');
  if (!isMigrant && rng.chance(0.15) && eerderBegin < addYears(startdatum, -2)) {
    const vorige = rng.pick(registers.werkgevers);
    registers.dienstverbanden.push({
      bsn: p.bsn,
      werkgeverId: vorige.werkgeverId,
      werkgeverNaam: vorige.naam,
      startdatum: rng.dateBetween(eerderBegin, addYears(startdatum, -2)),
      einddatum: addYears(startdatum, -1),
      loonPerMaand: rng.int(190, 450) * 10,
      urenPerWeek: rng.pick([24, 32, 36, 40]),
    });
  }
  registers.dienstverbanden.push({
    bsn: p.bsn,
    werkgeverId: werkgever.werkgeverId,
    werkgeverNaam: werkgever.naam,
    startdatum,
    einddatum: null,
    loonPerMaand,
    urenPerWeek: isMigrant ? 40 : rng.pick([16, 24, 32, 36, 38, 40]),
  });
  const maandenIn2025 = startdatum <= '2025-01-01' ? 12 : startdatum >= '2026-01-01' ? 0 : 12 - Number(startdatum.slice(5, 7)) + 1;
  return Math.round(loonPerMaand * maandenIn2025 * 1.08);
}

function bijstand(rng: Rng, p: Persoon, h: Huishouden, paar: boolean, registers: Registers): number {
  const kostendelers = paar ? 2 : h.volwassenen.filter((v) => ageOn(v.geboortedatum, PEILDATUM) >= 21).length || 1;
  const normType = paar ? 'gehuwden' : h.kinderen.length > 0 ? 'alleenstaande-ouder' : 'alleenstaande';
  const bedragPerMaand = paar ? BEDRAGEN.bijstandGehuwden : bijstandAlleenstaande(kostendelers);
  const ingangsdatum = rng.dateBetween(maxDate(addYears(p.geboortedatum, 18), '2015-01-01'), '2026-08-01');
  registers.bijstand.push({ bsn: p.bsn, regeling: 'Participatiewet', bedragPerMaand, normType, aantalKostendelers: kostendelers, ingangsdatum, einddatum: null });
  registers.risicoscores.push({ bsn: p.bsn, kleur: rng.chance(0.12) ? 'rood' : 'groen', berekendOp: '2026-01-15' });
  return ingangsdatum <= '2025-01-01' ? bedragPerMaand * 12 : 0;
}

function uwv(rng: Rng, p: Persoon, leeftijd: number, registers: Registers): number {
  const soort = leeftijd < 35 && rng.chance(0.2) ? 'Wajong' : leeftijd > 55 && rng.chance(0.3) ? 'WAO' : rng.pick(['WW', 'WW', 'ZW', 'WIA'] as const);
  const bedragPerMaand = rng.int(90, 260) * 10;
  const ingangsdatum = rng.dateBetween(soort === 'WW' || soort === 'ZW' ? '2025-06-01' : maxDate(addYears(p.geboortedatum, 18), '2008-01-01'), '2026-09-01');
  registers.uwvUitkeringen.push({ bsn: p.bsn, soort, bedragPerMaand, ingangsdatum, einddatum: null });
  return Math.round(bedragPerMaand * (ingangsdatum <= '2025-01-01' ? 12 : 6));
}

function aow(rng: Rng, p: Persoon, h: Huishouden, registers: Registers): number {
  const samenwonend = h.volwassenen.length > 1 && h.soort !== 'woongroep';
  const bedragPerMaand = samenwonend ? BEDRAGEN.aowSamenwonend : BEDRAGEN.aowAlleenstaand;
  registers.aow.push({ bsn: p.bsn, bedragPerMaand, leefsituatie: samenwonend ? 'samenwonend' : 'alleenstaand', ingangsdatum: addYears(p.geboortedatum, 67) });
  return bedragPerMaand * 12 + rng.int(0, 30) * 500;
}

function vermogenFor(rng: Rng): number {
  const r = rng.next();
  return r < 0.7 ? rng.int(0, 15_000) : r < 0.95 ? rng.int(15_000, 100_000) : rng.int(100_000, 400_000);
}
