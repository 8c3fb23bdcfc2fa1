/**
 * indexWorld(world): lookup maps over a World so that subgraph resolvers answer in O(1) (or in the
 * size of the answer) instead of scanning arrays.
 */
import type {
  Adres,
  Aow,
  Bijstand,
  CorporatieMelding,
  Dienstverband,
  Huisvesting,
  Huurcontract,
  IbSignaal,
  Inkomen,
  Kinderbijslag,
  Leefsituatie,
  Loonbevinding,
  Melding,
  Persoon,
  PolitieRegistratie,
  Risicoscore,
  Signaal,
  Toeslag,
  UwvUitkering,
  Verblijfplaats,
  Verblijfsstatus,
  Voertuig,
  Werkgever,
  Wijk,
  World,
  Zorgtraject,
} from './types.ts';

export interface Registratie {
  persoon: Persoon;
  verblijfplaats: Verblijfplaats;
}

export interface WorldIndex {
  world: World;
  wijkByCode: ReadonlyMap<string, Wijk>;
  adresById: ReadonlyMap<string, Adres>;
  /** Keyed by adresKey(postcode, huisnummer, huisletter, huisnummertoevoeging). */
  adresByKey: ReadonlyMap<string, Adres>;
  adressenByWijk: ReadonlyMap<string, readonly Adres[]>;
  persoonByBsn: ReadonlyMap<string, Persoon>;
  werkgeverById: ReadonlyMap<string, Werkgever>;
  /** Every registration period (past and present) at an address. */
  registratiesByAdres: ReadonlyMap<string, readonly Registratie[]>;
  /** People whose ouderBsns name this BSN. */
  kinderenByOuder: ReadonlyMap<string, readonly Persoon[]>;
  byBsn: {
    bijstand: ReadonlyMap<string, readonly Bijstand[]>;
    risicoscores: ReadonlyMap<string, readonly Risicoscore[]>;
    zorgtrajecten: ReadonlyMap<string, readonly Zorgtraject[]>;
    dienstverbanden: ReadonlyMap<string, readonly Dienstverband[]>;
    uwvUitkeringen: ReadonlyMap<string, readonly UwvUitkering[]>;
    toeslagen: ReadonlyMap<string, readonly Toeslag[]>;
    inkomens: ReadonlyMap<string, readonly Inkomen[]>;
    aow: ReadonlyMap<string, readonly Aow[]>;
    kinderbijslag: ReadonlyMap<string, readonly Kinderbijslag[]>;
    leefsituaties: ReadonlyMap<string, readonly Leefsituatie[]>;
    loonbevindingen: ReadonlyMap<string, readonly Loonbevinding[]>;
    verblijfsstatussen: ReadonlyMap<string, readonly Verblijfsstatus[]>;
    politieRegistraties: ReadonlyMap<string, readonly PolitieRegistratie[]>;
    huurcontracten: ReadonlyMap<string, readonly Huurcontract[]>;
    voertuigen: ReadonlyMap<string, readonly Voertuig[]>;
    ibSignalen: ReadonlyMap<string, readonly IbSignaal[]>;
    /** Werkgevers owned by this person. */
    werkgevers: ReadonlyMap<string, readonly Werkgever[]>;
    /** Addresses owned by this person (BAG/WOZ eigenaarBsn). */
    adressen: ReadonlyMap<string, readonly Adres[]>;
  };
  byAdres: {
    burgermeldingen: ReadonlyMap<string, readonly Melding[]>;
    huisvesting: ReadonlyMap<string, readonly Huisvesting[]>;
    politieRegistraties: ReadonlyMap<string, readonly PolitieRegistratie[]>;
    huurcontracten: ReadonlyMap<string, readonly Huurcontract[]>;
    corporatieMeldingen: ReadonlyMap<string, readonly CorporatieMelding[]>;
    signalen: ReadonlyMap<string, readonly Signaal[]>;
  };
  byWerkgever: {
    dienstverbanden: ReadonlyMap<string, readonly Dienstverband[]>;
    huisvesting: ReadonlyMap<string, readonly Huisvesting[]>;
    loonbevindingen: ReadonlyMap<string, readonly Loonbevinding[]>;
  };
  /** The people registered at the address on `datum` (default: the world's peildatum). */
  bewonersOp(adresId: string, datum?: string): Persoon[];
  /** The address a person is registered at on `datum` (default: peildatum), or null. */
  inschrijvingOp(bsn: string, datum?: string): Adres | null;
}

/** The look-up key of an address: "5971ZA|14|A|2"; case and spaces in the postcode do not matter. */
export function adresKey(postcode: string, huisnummer: number, huisletter?: string | null, toevoeging?: string | null): string {
  return [postcode.replace(/\s+/g, '').toUpperCase(), huisnummer, (huisletter ?? '').toUpperCase(), (toevoeging ?? '').toUpperCase()].join('|');
}

/** Whether a registration period covers the date (start inclusive, end inclusive). */
export function coversDate(v: Verblijfplaats, datum: string): boolean {
  return v.datumAanvang <= datum && (v.datumEinde === null || datum <= v.datumEinde);
}

export function indexWorld(world: World): WorldIndex {
  const adresById = uniqueBy(world.adressen, (a) => a.adresId, 'adresId');
  const persoonByBsn = uniqueBy(world.personen, (p) => p.bsn, 'BSN');
  const registratiesByAdres = new Map<string, Registratie[]>();
  for (const persoon of world.personen) {
    for (const verblijfplaats of persoon.verblijfplaatsen) push(registratiesByAdres, verblijfplaats.adresId, { persoon, verblijfplaats });
  }
  const kinderenByOuder = new Map<string, Persoon[]>();
  for (const p of world.personen) for (const ouder of p.ouderBsns) push(kinderenByOuder, ouder, p);

  return {
    world,
    wijkByCode: uniqueBy(world.wijken, (w) => w.code, 'wijk code'),
    adresById,
    adresByKey: uniqueBy(world.adressen, (a) => adresKey(a.postcode, a.huisnummer, a.huisletter, a.huisnummertoevoeging), 'address key'),
    adressenByWijk: groupBy(world.adressen, (a) => a.wijkCode),
    persoonByBsn,
    werkgeverById: uniqueBy(world.werkgevers, (w) => w.werkgeverId, 'werkgeverId'),
    registratiesByAdres,
    kinderenByOuder,
    byBsn: {
      bijstand: groupBy(world.bijstand, (r) => r.bsn),
      risicoscores: groupBy(world.risicoscores, (r) => r.bsn),
      zorgtrajecten: groupBy(world.zorgtrajecten, (r) => r.bsn),
      dienstverbanden: groupBy(world.dienstverbanden, (r) => r.bsn),
      uwvUitkeringen: groupBy(world.uwvUitkeringen, (r) => r.bsn),
      toeslagen: groupBy(world.toeslagen, (r) => r.bsn),
      inkomens: groupBy(world.inkomens, (r) => r.bsn),
      aow: groupBy(world.aow, (r) => r.bsn),
      kinderbijslag: groupBy(world.kinderbijslag, (r) => r.bsn),
      leefsituaties: groupBy(world.leefsituaties, (r) => r.bsn),
      loonbevindingen: groupBy(world.loonbevindingen, (r) => r.bsn),
      verblijfsstatussen: groupBy(world.verblijfsstatussen, (r) => r.bsn),
      politieRegistraties: groupBy(world.politieRegistraties.filter((r) => r.bsn !== null), (r) => r.bsn as string),
      huurcontracten: groupBy(world.huurcontracten, (r) => r.huurderBsn),
      voertuigen: groupBy(world.voertuigen, (r) => r.bsn),
      ibSignalen: groupBy(world.ibSignalen, (r) => r.bsn),
      werkgevers: groupBy(world.werkgevers.filter((w) => w.eigenaarBsn !== null), (w) => w.eigenaarBsn as string),
      adressen: groupBy(world.adressen.filter((a) => a.eigenaarBsn !== null), (a) => a.eigenaarBsn as string),
    },
    byAdres: {
      burgermeldingen: groupBy(world.burgermeldingen, (r) => r.adresId),
      huisvesting: groupBy(world.huisvesting, (r) => r.adresId),
      politieRegistraties: groupBy(world.politieRegistraties, (r) => r.adresId),
      huurcontracten: groupBy(world.huurcontracten, (r) => r.adresId),
      corporatieMeldingen: groupBy(world.corporatieMeldingen, (r) => r.adresId),
      signalen: groupBy(world.signalen, (r) => r.adresId),
    },
    byWerkgever: {
      dienstverbanden: groupBy(world.dienstverbanden, (r) => r.werkgeverId),
      huisvesting: groupBy(world.huisvesting, (r) => r.werkgeverId),
      loonbevindingen: groupBy(world.loonbevindingen, (r) => r.werkgeverId),
    },
    bewonersOp(adresId, datum = world.peildatum) {
      return (registratiesByAdres.get(adresId) ?? []).filter((r) => coversDate(r.verblijfplaats, datum)).map((r) => r.persoon);
    },
    inschrijvingOp(bsn, datum = world.peildatum) {
      const v = persoonByBsn.get(bsn)?.verblijfplaatsen.find((vp) => coversDate(vp, datum));
      return v === undefined ? null : (adresById.get(v.adresId) ?? null);
    },
  };
}

/** Fails on a duplicate; the message names the kind of key, never its value (it may be a BSN). */
function uniqueBy<T>(items: readonly T[], key: (item: T) => string, what: string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    const k = key(item);
    if (map.has(k)) throw new Error(`duplicate ${what} in world`);
    map.set(k, item);
  }
  return map;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) push(map, key(item), item);
  return map;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
