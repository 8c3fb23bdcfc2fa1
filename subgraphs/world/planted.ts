/**
 * The five scenarios of BRIEF §6, planted into the world with identifiers that do not depend on the
 * seed. All scenario addresses lie in Klingerhof (WK999901, postcode areas 5971 and 5972), the area
 * of the active project. docs/scenarios.md is the long form of this file.
 */
import { isPlantedRangeBsn, isValidBsn } from './bsn.ts';
import { plantedAdressen, plantedPersonen } from './planted-brp.ts';
import { ADRES, BSN, ZES_MANNEN } from './planted-ids.ts';
import { plantRecords } from './planted-records.ts';
import type { Registers } from './registers.ts';
import type { Adres, Persoon, Scenario } from './types.ts';

export const SCENARIOS: readonly Scenario[] = [
  {
    nummer: 1,
    titel: 'Het verhuurde gezinshuis',
    beschrijving:
      'A corporation dwelling where a mother and two small children are registered. She receives care allowance, child-related budget and rent allowance, ' +
      'but lives with her new partner elsewhere; his company houses six labour migrants in her home and pays them below the minimum wage. ' +
      'The corporation signalled nuisance on 2026-03-02, the Belastingdienst an allowance irregularity on 2026-06-15.',
    adresIds: [ADRES.gezinswoning],
    bsns: [BSN.esmeeVerhoeven, BSN.noahVerhoeven, BSN.lotteVerhoeven, BSN.dennisKraaijeveld, ...ZES_MANNEN],
  },
  {
    nummer: 2,
    titel: 'Spookbewoners en verborgen bewoners',
    beschrijving:
      'In one neighbourhood: a single dwelling split into four flats with four households registered; three buildings where nobody is registered ' +
      'but an agency houses labour migrants, all owned by one person; a labour-migrant couple living unregistered since 2022; and a couple with a child ' +
      'who are registered apart since 2025 while SVB finds them living together.',
    adresIds: [ADRES.gesplitsteWoning, ADRES.spookpand1, ADRES.spookpand2, ADRES.spookpand3, ADRES.verborgenPaar, ADRES.gezinJansen, ADRES.studioDeGroot],
    bsns: [
      BSN.kevinBakker, BSN.raduMoraru, BSN.danielaMoraru, BSN.jeroenSmit, BSN.fatmaYilmaz, BSN.emreYilmaz, BSN.marcoDeWit, BSN.hendrikSchouten,
      BSN.andreiIonescu, BSN.elenaIonescu, BSN.markDeGroot, BSN.sanneJansen, BSN.milaDeGroot,
    ],
  },
  {
    nummer: 3,
    titel: 'Het bureauonderzoek',
    beschrijving:
      'Four selected addresses where social assistance, UWV employment and Belastingdienst income are compared: at three they disagree ' +
      '(assistance alongside a job; income unknown to the social service; a partner\'s new job), at one they agree.',
    adresIds: [ADRES.bureauVisser, ADRES.bureauKok, ADRES.bureauKaya, ADRES.bureauHendriks],
    bsns: [BSN.patrickVisser, BSN.yvonneKok, BSN.ahmetKaya, BSN.zeynepKaya, BSN.ingridHendriks],
  },
  {
    nummer: 4,
    titel: 'Hulp, niet alleen handhaving',
    beschrijving:
      'An address with signals from the Inlichtingenbureau (a cost-sharer) and the police (nuisance) where an elderly resident turns out to need care: ' +
      'the wijkteam supports her and her son. Enforcement may see that a referral exists, never the care data.',
    adresIds: [ADRES.zorgWouters],
    bsns: [BSN.gerdaWouters, BSN.ronaldWouters],
  },
  {
    nummer: 5,
    titel: 'De betrokkene',
    beschrijving:
      'Esmee Verhoeven, the mother of scenario 1, asks which organisations looked at her data. Her data is held by the BRP, the Belastingdienst, ' +
      'SVB, UWV and the housing corporation, and every look at it during scenario 1 is in the audit log.',
    adresIds: [ADRES.gezinswoning],
    bsns: [BSN.esmeeVerhoeven],
  },
];

export interface PlantTarget extends Registers {
  adressen: Adres[];
  personen: Persoon[];
}

/** Adds the planted addresses, persons and partner records; fails if any id collides. */
export function plantScenarios(target: PlantTarget): Scenario[] {
  const adressen = plantedAdressen();
  const personen = plantedPersonen();
  const adresIds = new Set(target.adressen.map((a) => a.adresId));
  const bsns = new Set(target.personen.map((p) => p.bsn));
  if (personen.some((p) => !isValidBsn(p.bsn) || !isPlantedRangeBsn(p.bsn))) {
    throw new Error('a planted BSN is invalid or outside the planted range');
  }
  if (adressen.some((a) => adresIds.has(a.adresId)) || personen.some((p) => bsns.has(p.bsn))) {
    throw new Error('planted scenario identifiers collide with the random world');
  }
  target.adressen.push(...adressen);
  target.personen.push(...personen);
  plantRecords(target);
  return SCENARIOS.map((s) => ({ ...s, adresIds: [...s.adresIds], bsns: [...s.bsns] }));
}
