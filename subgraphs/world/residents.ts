/** The random part of the BRP: households at the generated addresses, with registration history. */
import type { GeneratedAdres } from './addresses.ts';
import { addDays, addYears, maxDate } from './dates.ts';
import { PEILDATUM } from './gemeente.ts';
import { ACHTERNAMEN, VOORNAMEN_M, VOORNAMEN_V } from './names.ts';
import type { Rng } from './random.ts';
import type { Adres, Persoon } from './types.ts';

export type HuishoudenSoort = 'alleenstaand' | 'paar' | 'gezin' | 'eenoudergezin' | 'woongroep';

/** The people registered together at one address, as the generator built them. */
export interface Huishouden {
  adres: Adres;
  eigendom: GeneratedAdres['eigendom'];
  soort: HuishoudenSoort;
  volwassenen: Persoon[];
  kinderen: Persoon[];
  datumAanvang: string;
}

const LAATSTE_VERHUISDATUM = addDays(PEILDATUM, -14);

/** Fills dwellings with households; about 3% of dwellings stay empty. Consumes BSNs from the pool. */
export function generateHuishoudens(rng: Rng, adressen: readonly GeneratedAdres[], bsnPool: string[]): Huishouden[] {
  const nextBsn = (): string => {
    const bsn = bsnPool.pop();
    if (bsn === undefined) throw new Error('synthetic BSN range exhausted');
    return bsn;
  };
  const huishoudens: Huishouden[] = [];
  for (const { adres, eigendom } of adressen) {
    if (adres.gebruiksdoel !== 'woonfunctie' || rng.chance(0.03)) continue;
    huishoudens.push(huishouden(rng, adres, eigendom, nextBsn));
  }
  addEarlierAddresses(rng, huishoudens, adressen);
  return huishoudens;
}

function huishouden(rng: Rng, adres: Adres, eigendom: GeneratedAdres['eigendom'], nextBsn: () => string): Huishouden {
  const soort = pickSoort(rng);
  const person = (geslacht: Persoon['geslacht'], minAge: number, maxAge: number, naam?: readonly [string | null, string]): Persoon => {
    const [voorvoegsel, geslachtsnaam] = naam ?? rng.pick(ACHTERNAMEN);
    return {
      bsn: nextBsn(),
      voornamen: rng.pick(geslacht === 'M' ? VOORNAMEN_M : geslacht === 'V' ? VOORNAMEN_V : [...VOORNAMEN_M, ...VOORNAMEN_V]),
      voorvoegsel,
      geslachtsnaam,
      geboortedatum: rng.dateBetween(addYears(PEILDATUM, -maxAge - 1), addYears(PEILDATUM, -minAge)),
      geslacht,
      geheimhouding: rng.chance(0.004),
      verblijfplaatsen: [],
      werkelijkAdresId: adres.adresId,
      partnerBsn: null,
      ouderBsns: [],
    };
  };
  const randomGeslacht = (): Persoon['geslacht'] => (rng.chance(0.003) ? 'X' : rng.chance(0.5) ? 'M' : 'V');

  const volwassenen: Persoon[] = [];
  const kinderen: Persoon[] = [];
  if (soort === 'alleenstaand') volwassenen.push(person(randomGeslacht(), 19, 92));
  if (soort === 'woongroep') {
    for (let i = rng.int(2, 3); i > 0; i--) volwassenen.push(person(randomGeslacht(), 19, 34));
  }
  if (soort === 'paar' || soort === 'gezin') {
    const [minAge, maxAge] = soort === 'gezin' ? [26, 52] : [22, 90];
    const man = person('M', minAge, maxAge);
    const vrouw = person('V', Math.max(minAge, 18), maxAge);
    if (rng.chance(0.65)) {
      man.partnerBsn = vrouw.bsn;
      vrouw.partnerBsn = man.bsn;
    }
    volwassenen.push(man, vrouw);
  }
  if (soort === 'eenoudergezin') volwassenen.push(person(rng.chance(0.85) ? 'V' : 'M', 24, 55));
  if (soort === 'gezin' || soort === 'eenoudergezin') {
    const ouders = volwassenen;
    const jongsteOuder = ouders.map((o) => o.geboortedatum).sort().at(-1) as string;
    const naam = (ouders.find((o) => o.geslacht === 'M') ?? (ouders[0] as Persoon));
    for (let i = rng.int(1, 3); i > 0; i--) {
      const kind = person(randomGeslacht(), 0, 17, [naam.voorvoegsel, naam.geslachtsnaam]);
      kind.geboortedatum = rng.dateBetween(maxDate(addYears(jongsteOuder, 20), addYears(PEILDATUM, -17)), addDays(PEILDATUM, -30));
      kind.ouderBsns = ouders.map((o) => o.bsn);
      kinderen.push(kind);
    }
  }
  const youngestAdult = volwassenen.map((p) => p.geboortedatum).sort().at(-1) as string;
  const datumAanvang = rng.dateBetween(maxDate(addYears(youngestAdult, 18), maxDate(`${adres.bouwjaar + 1}-01-01`, '1975-01-01')), LAATSTE_VERHUISDATUM);
  for (const p of [...volwassenen, ...kinderen]) {
    p.verblijfplaatsen.push({ adresId: adres.adresId, datumAanvang: maxDate(datumAanvang, p.geboortedatum), datumEinde: null });
  }
  return { adres, eigendom, soort, volwassenen, kinderen, datumAanvang };
}

function pickSoort(rng: Rng): HuishoudenSoort {
  const r = rng.next();
  if (r < 0.34) return 'alleenstaand';
  if (r < 0.6) return 'paar';
  if (r < 0.84) return 'gezin';
  if (r < 0.92) return 'eenoudergezin';
  return 'woongroep';
}

/** About 40% of households moved in from another address in Doelstad; their history shows it. */
function addEarlierAddresses(rng: Rng, huishoudens: readonly Huishouden[], adressen: readonly GeneratedAdres[]): void {
  const dwellings = adressen.filter((a) => a.adres.gebruiksdoel === 'woonfunctie').map((a) => a.adres.adresId);
  for (const h of huishoudens) {
    if (!rng.chance(0.4)) continue;
    const vorige = rng.pick(dwellings);
    if (vorige === h.adres.adresId) continue;
    const einde = addDays(h.datumAanvang, -1);
    for (const p of [...h.volwassenen, ...h.kinderen]) {
      const start = maxDate(p.geboortedatum, addYears(h.datumAanvang, -rng.int(2, 12)));
      if (start > einde) continue;
      p.verblijfplaatsen.unshift({ adresId: vorige, datumAanvang: start, datumEinde: einde });
    }
  }
}
