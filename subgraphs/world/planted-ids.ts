/**
 * The stable identifiers of the planted scenarios (BRIEF §6; docs/scenarios.md tells the stories).
 * They are the same for every seed and lie outside the ranges the random world draws from:
 * BAG serials 900001+ (random: 100001+), postcodes with letters "Z?" (reserved), BSNs 99999xxxx
 * (random: 99990000c..99998999c), employer ids 89999000xL01, record ids numbered 9001+.
 */

export const ADRES = {
  /** Scenario 1: the rented-out family home, Hazelaarstraat 14, 5971ZA. */
  gezinswoning: '9999200000900001',
  /** Scenario 2: a single dwelling split into four flats, Vlierbesstraat 22, 5971ZB. */
  gesplitsteWoning: '9999200000900002',
  /** Scenario 2: three buildings empty in the BRP, housing labour migrants, one owner. */
  spookpand1: '9999200000900003',
  spookpand2: '9999200000900004',
  spookpand3: '9999200000900005',
  /** Scenario 2: where the unregistered labour-migrant couple lives, Meidoornweg 12, 5971ZC. */
  verborgenPaar: '9999200000900006',
  /** Scenario 2: where the mother and child are registered, Meidoornweg 20, 5971ZC. */
  gezinJansen: '9999200000900008',
  /** Scenario 2: where the father is registered since 2025, Meidoornweg 31, 5971ZD. */
  studioDeGroot: '9999200000900015',
  /** Scenario 3: the desk-research addresses on Lindelaan, 5971ZE. */
  bureauVisser: '9999200000900009',
  bureauKok: '9999200000900010',
  bureauKaya: '9999200000900011',
  bureauHendriks: '9999200000900012',
  /** Scenario 4: help, not only enforcement, Meidoornweg 27, 5971ZD. */
  zorgWouters: '9999200000900013',
  /** Control case: a dwelling where nobody is registered and nobody lives, Meidoornweg 9, 5971ZC. */
  leegstaand: '9999200000900014',
  /** Outside the project area: the partner's home (Oude Haven) and the two owners' homes. */
  kraaijeveld: '9999200000900016',
  schouten: '9999200000900017',
  deWit: '9999200000900018',
} as const;

export const BSN = {
  // Scenario 1 (and 5: Esmee Verhoeven is the data subject)
  esmeeVerhoeven: '999990007',
  noahVerhoeven: '999990019',
  lotteVerhoeven: '999990020',
  dennisKraaijeveld: '999990032',
  piotrNowak: '999990044',
  marekKowalski: '999990056',
  tomaszZielinski: '999990068',
  andrzejWisniewski: '999990081',
  ionutPopescu: '999990093',
  florinDumitru: '999990111',
  // Scenario 2
  kevinBakker: '999990123',
  raduMoraru: '999990135',
  danielaMoraru: '999990147',
  jeroenSmit: '999990159',
  fatmaYilmaz: '999990160',
  emreYilmaz: '999990172',
  marcoDeWit: '999990184',
  hendrikSchouten: '999990196',
  andreiIonescu: '999990202',
  elenaIonescu: '999990214',
  markDeGroot: '999990226',
  sanneJansen: '999990238',
  milaDeGroot: '999990251',
  // Scenario 3
  patrickVisser: '999990263',
  yvonneKok: '999990275',
  ahmetKaya: '999990287',
  zeynepKaya: '999990299',
  ingridHendriks: '999990305',
  // Scenario 4
  gerdaWouters: '999990317',
  ronaldWouters: '999990329',
} as const;

/** The six men of scenario 1, housed at the family home by the partner's company. */
export const ZES_MANNEN = [BSN.piotrNowak, BSN.marekKowalski, BSN.tomaszZielinski, BSN.andrzejWisniewski, BSN.ionutPopescu, BSN.florinDumitru] as const;

export const WERKGEVER = {
  /** Owned by Dennis Kraaijeveld; employs and houses the six men of scenario 1. */
  kraaijeveldLogistiek: '899990001L01',
  /** The agency that houses labour migrants in scenario 2's buildings. */
  flexwerkMaasland: '899990002L01',
  bouwbedrijfLindeboom: '899990003L01',
  schoonmaakbedrijfHelder: '899990004L01',
} as const;
