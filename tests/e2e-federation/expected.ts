/**
 * Builders for the expected combined views: a person or an address as the Persoonsbeeld and
 * Adresbeeld fragments of queries.ts return it, with every field a partner holds nothing for at
 * its empty value, so that a test writes out only the facts.
 */

type Facts = Record<string, unknown>;

const EMPTY_PERSOON: Facts = {
  geheimhouding: false,
  datumAanvangAdreshouding: null,
  verblijfplaatsen: [],
  partner: null,
  ouders: [],
  adressenInEigendom: [],
  bijstand: [],
  risicoscore: null,
  heeftZorgverwijzing: false,
  zorgtrajecten: [],
  dienstverbanden: [],
  uwvUitkeringen: [],
  toeslagen: [],
  inkomens: [],
  aow: null,
  kinderbijslag: [],
  leefsituatie: null,
  loonbevindingen: [],
  werkgevers: [],
  verblijfsstatus: null,
  politieRegistraties: [],
  voertuigen: [],
  ibSignalen: [],
};

const EMPTY_ADRES: Facts = {
  huisletter: null,
  huisnummertoevoeging: null,
  woonplaats: 'Doelstad',
  wijk: { code: 'WK999901', naam: 'Klingerhof' },
  eigenaar: null,
  aantalBewoners: 0,
  bewoners: [],
  burgermeldingen: [],
  huisvestingArbeidsmigranten: [],
  huurcontract: null,
  corporatieMeldingen: [],
  politieRegistraties: [],
  bagSignalen: [],
  brpSignalen: [],
  socialeDienstSignalen: [],
  uwvSignalen: [],
  belastingdienstSignalen: [],
  svbSignalen: [],
  arbeidsinspectieSignalen: [],
  indSignalen: [],
  politieSignalen: [],
  woningcorporatieSignalen: [],
  rdwSignalen: [],
  inlichtingenbureauSignalen: [],
};

/** Field order does not matter to toEqual; the facts override the empty values. */
export function persoon(facts: Facts & { bsn: string }): Facts {
  return { ...EMPTY_PERSOON, ...facts };
}

export function adres(facts: Facts & { adresId: string }): Facts {
  return { ...EMPTY_ADRES, ...facts };
}

/** A value with the given keys replaced by null wherever they occur: what a failed partner leaves. */
export function withNulled(value: unknown, keys: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((item) => withNulled(item, keys));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, keys.has(k) ? null : withNulled(v, keys)]));
}

/** Every path at which one of the keys occurs in a value, e.g. ['adres', 'bewoners', 0, 'toeslagen']. */
export function pathsOf(value: unknown, keys: ReadonlySet<string>, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((item, i) => pathsOf(item, keys, [...path, i]));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => (keys.has(k) ? [[...path, k]] : pathsOf(v, keys, [...path, k])));
}

/** A copy of a value with the value at each path replaced. */
export function withValuesAt(value: unknown, replacements: ReadonlyArray<readonly [ReadonlyArray<string | number>, unknown]>): unknown {
  const copy = structuredClone(value);
  for (const [path, replacement] of replacements) {
    const holder = path.slice(0, -1).reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], copy) as Record<string | number, unknown>;
    holder[path[path.length - 1]!] = replacement;
  }
  return copy;
}
