/**
 * Findings and reports: labour migrants housed by employers and their wages (Arbeidsinspectie),
 * police registrations, corporation reports, citizens' reports to the social service,
 * Inlichtingenbureau signals and care trajectories (wijkteam). Each touches only a few addresses.
 */
import { ageOn } from './dates.ts';
import { MINIMUM_UURLOON_CENT, PEILDATUM } from './gemeente.ts';
import { MIGRANT_WERKGEVER_NAMEN } from './income.ts';
import type { Rng } from './random.ts';
import type { Registers } from './registers.ts';
import type { Huishouden } from './residents.ts';
import type { IbSignaalType, Persoon, Zorgtraject } from './types.ts';

const MIGRANT_ACHTERNAMEN = ['Nowak', 'Kowalski', 'Wójcik', 'Popescu', 'Ionescu', 'Dumitru', 'Petrov', 'Kazlauskas', 'Horváth'];
const VAN = '2025-01-01';
const TOT = '2026-10-15';

/** Up to eight shared private rentals become homes of labour migrants; renames their residents. */
export function selectMigrantHuishoudens(rng: Rng, huishoudens: readonly Huishouden[]): Set<Huishouden> {
  const kandidaten = huishoudens.filter((h) => h.soort === 'woongroep' && h.eigendom === 'particuliere-verhuur');
  const gekozen = new Set(rng.shuffle(kandidaten).slice(0, 8));
  for (const h of gekozen) for (const p of h.volwassenen) {
    p.voorvoegsel = null;
    p.geslachtsnaam = rng.pick(MIGRANT_ACHTERNAMEN);
  }
  return gekozen;
}

export function generateArbeidsinspectie(rng: Rng, migranten: ReadonlySet<Huishouden>, registers: Registers): void {
  const huidigDienstverband = (bsn: string) => registers.dienstverbanden.find((d) => d.bsn === bsn && d.einddatum === null);
  for (const h of migranten) {
    const eerste = huidigDienstverband((h.volwassenen[0] as Persoon).bsn);
    if (eerste === undefined) continue;
    const vastgesteldOp = rng.dateBetween(VAN, TOT);
    registers.huisvesting.push({ adresId: h.adres.adresId, werkgeverId: eerste.werkgeverId, aantalPersonen: h.volwassenen.length, vastgesteldOp });
    if (!rng.chance(0.5)) continue;
    for (const p of h.volwassenen) {
      const d = huidigDienstverband(p.bsn);
      if (d === undefined) continue;
      registers.loonbevindingen.push({
        id: '',
        bsn: p.bsn,
        werkgeverId: d.werkgeverId,
        datum: vastgesteldOp,
        betaaldUurloonCent: Math.round((d.loonPerMaand * 12 * 100) / (d.urenPerWeek * 52)),
        minimumUurloonCent: MINIMUM_UURLOON_CENT,
      });
    }
  }
  numberIds(registers.loonbevindingen, 'NLA-L');
}

export function generatePolitie(rng: Rng, huishoudens: readonly Huishouden[], registers: Registers): void {
  for (let i = 0; i < 30; i++) {
    const h = rng.pick(huishoudens);
    const r = rng.next();
    const soort = r < 0.6 ? 'overlast' : r < 0.95 ? 'incident' : r < 0.98 ? 'hennep' : 'arrestatiebevel';
    const betrokkene = soort === 'overlast' && rng.chance(0.5) ? null : rng.pick(h.volwassenen).bsn;
    registers.politieRegistraties.push({ id: '', adresId: h.adres.adresId, bsn: betrokkene, datum: rng.dateBetween(VAN, TOT), soort, omschrijving: POLITIE_OMSCHRIJVING[soort] });
  }
  numberIds(registers.politieRegistraties, 'POL');
}

const POLITIE_OMSCHRIJVING = {
  overlast: 'Noise nuisance reported by neighbours at night.',
  incident: 'Domestic dispute; officers attended, no arrest.',
  hennep: 'Smell of cannabis cultivation reported; grow room dismantled.',
  arrestatiebevel: 'Outstanding arrest warrant for a resident.',
} as const;

export function generateCorporatieMeldingen(rng: Rng, huishoudens: readonly Huishouden[], registers: Registers): void {
  const huur = huishoudens.filter((h) => h.eigendom === 'corporatie');
  for (let i = 0; i < 20; i++) {
    const r = rng.next();
    const soort = r < 0.6 ? 'overlast' : r < 0.85 ? 'onderverhuur' : 'woonfraude';
    registers.corporatieMeldingen.push({ id: '', adresId: rng.pick(huur).adres.adresId, datum: rng.dateBetween(VAN, TOT), soort, omschrijving: CORPORATIE_OMSCHRIJVING[soort] });
  }
  numberIds(registers.corporatieMeldingen, 'WC-M');
}

const CORPORATIE_OMSCHRIJVING = {
  overlast: 'Neighbours complain about noise and rubbish in the stairwell.',
  onderverhuur: 'Tenant is said to sublet the dwelling to others.',
  woonfraude: 'Registered tenant appears not to live in the dwelling.',
} as const;

export function generateBurgermeldingen(rng: Rng, huishoudens: readonly Huishouden[], registers: Registers): void {
  const bijstand = new Set(registers.bijstand.map((b) => b.bsn));
  const metBijstand = huishoudens.filter((h) => h.volwassenen.some((v) => bijstand.has(v.bsn)));
  for (let i = 0; i < 20; i++) {
    const h = rng.chance(0.5) ? rng.pick(metBijstand) : rng.pick(huishoudens);
    registers.burgermeldingen.push({ id: '', adresId: h.adres.adresId, datum: rng.dateBetween(VAN, TOT), omschrijving: rng.pick(BURGERMELDING_OMSCHRIJVING) });
  }
  numberIds(registers.burgermeldingen, 'SD-M');
}

const BURGERMELDING_OMSCHRIJVING = [
  'A citizen reports that an unregistered adult seems to live at the address.',
  'A citizen reports that a resident on benefits works off the books.',
  'A citizen reports frequent changes of occupants.',
];

const IB_OMSCHRIJVING: Record<IbSignaalType, string> = {
  inkomen: 'Income from employment reported for a benefit recipient.',
  studiefinanciering: 'Student finance paid.',
  'inschrijving-onderwijs': 'Enrolled in higher education.',
  heffingskortingen: 'Tax credits paid out.',
  voertuigbezit: 'Vehicle registered in the person\'s name.',
  vermogen: 'Assets above the limit on 1 January.',
  bankrekeningen: 'Bank account not known to the municipality.',
  detentie: 'Detained.',
  voortvluchtig: 'Listed as a fugitive convict.',
  'uitkering-andere-gemeente': 'Receives social assistance from another municipality.',
  kostendelers: 'Other adults registered at the address.',
  'box1-box3': 'Box 1 income or box 3 assets reported.',
};

export function generateIbSignalen(rng: Rng, registers: Registers): void {
  const types = Object.keys(IB_OMSCHRIJVING) as IbSignaalType[];
  for (const b of registers.bijstand) {
    if (!rng.chance(0.12)) continue;
    const type = rng.pick(types);
    registers.ibSignalen.push({ id: '', bsn: b.bsn, type, datum: rng.dateBetween(VAN, TOT), omschrijving: IB_OMSCHRIJVING[type] });
  }
  numberIds(registers.ibSignalen, 'IB');
}

export function generateZorgtrajecten(rng: Rng, huishoudens: readonly Huishouden[], registers: Registers): void {
  const bijstand = new Set(registers.bijstand.map((b) => b.bsn));
  for (const p of huishoudens.flatMap((h) => [...h.volwassenen, ...h.kinderen])) {
    const leeftijd = ageOn(p.geboortedatum, PEILDATUM);
    const kans = bijstand.has(p.bsn) ? 0.12 : leeftijd >= 75 ? 0.06 : 0.015;
    if (!rng.chance(kans)) continue;
    const soort: Zorgtraject['soort'] = leeftijd < 18 ? 'jeugdhulp' : bijstand.has(p.bsn) ? 'schuldhulp' : leeftijd >= 75 ? 'wmo-begeleiding' : rng.pick(['ggz', 'mantelzorgondersteuning'] as const);
    const startdatum = rng.dateBetween('2023-01-01', TOT);
    registers.zorgtrajecten.push({ bsn: p.bsn, soort, ondersteuningsbehoefte: ZORG_BEHOEFTE[soort], startdatum, einddatum: rng.chance(0.3) && startdatum < '2025-06-01' ? rng.dateBetween('2025-06-01', TOT) : null });
  }
}

const ZORG_BEHOEFTE: Record<Zorgtraject['soort'], string> = {
  schuldhulp: 'Help with arrears and a payment plan with creditors.',
  jeugdhulp: 'Parenting support and help for the child at school.',
  'wmo-begeleiding': 'Support with daily living and household tasks.',
  ggz: 'Outpatient mental health care.',
  mantelzorgondersteuning: 'Respite for an informal carer.',
};

/** Sorts by date and gives each record "<prefix>-0001"-style ids; planted records use 9001 and up. */
export function numberIds<T extends { id: string; datum: string; adresId?: string; bsn?: string | null }>(items: T[], prefix: string): void {
  items.sort((a, b) => a.datum.localeCompare(b.datum) || (a.adresId ?? a.bsn ?? '').localeCompare(b.adresId ?? b.bsn ?? ''));
  items.forEach((item, i) => {
    item.id = `${prefix}-${String(i + 1).padStart(4, '0')}`;
  });
}
