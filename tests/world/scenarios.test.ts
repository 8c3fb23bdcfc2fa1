import { describe, expect, it } from 'vitest';
import { generateWorld } from '../../subgraphs/world/generate.ts';
import { indexWorld, type WorldIndex } from '../../subgraphs/world/lookup.ts';
import { defaultWorldIndex } from '../../subgraphs/world/index.ts';
import { ADRES, BSN, WERKGEVER, ZES_MANNEN } from '../../subgraphs/world/planted-ids.ts';

const index = defaultWorldIndex();
const world = index.world;

const bewoners = (adresId: string, datum?: string, ix: WorldIndex = index) => ix.bewonersOp(adresId, datum).map((p) => p.bsn).sort();
const partnersOn = (adresId: string, datum: string) =>
  [...new Set((index.byAdres.signalen.get(adresId) ?? []).filter((s) => s.datum <= datum).map((s) => s.partner))].sort();
const toeslagen = (bsn: string) => (index.byBsn.toeslagen.get(bsn) ?? []).map((t) => [t.soort, t.jaarbedrag]).sort();
const adres = (adresId: string) => {
  const a = index.adresById.get(adresId)!;
  return [a.straat, a.huisnummer, a.postcode, a.wijkCode];
};

describe('planted identifiers', () => {
  it('are the same for every seed', () => {
    const other = indexWorld(generateWorld(99));
    expect(other.world.scenarios).toEqual(world.scenarios);
    for (const id of Object.values(ADRES)) expect(other.adresById.get(id)).toEqual(index.adresById.get(id));
    for (const bsn of Object.values(BSN)) expect(other.persoonByBsn.get(bsn)).toEqual(index.persoonByBsn.get(bsn));
    expect(other.world.signalen.filter((s) => s.id.startsWith('SIG-9'))).toEqual(world.signalen.filter((s) => s.id.startsWith('SIG-9')));
  });

  it('list five scenarios, all addresses in Klingerhof', () => {
    expect(world.scenarios.map((s) => [s.nummer, s.titel])).toEqual([
      [1, 'Het verhuurde gezinshuis'],
      [2, 'Spookbewoners en verborgen bewoners'],
      [3, 'Het bureauonderzoek'],
      [4, 'Hulp, niet alleen handhaving'],
      [5, 'De betrokkene'],
    ]);
    for (const s of world.scenarios) {
      for (const id of s.adresIds) expect(index.adresById.get(id)!.wijkCode).toBe('WK999901');
      for (const bsn of s.bsns) expect(index.persoonByBsn.has(bsn)).toBe(true);
    }
    expect(index.wijkByCode.get('WK999901')).toEqual({ code: 'WK999901', naam: 'Klingerhof', postcodeGebieden: ['5971', '5972'] });
  });

  it('can be looked up by postcode and house number', () => {
    expect(index.adresByKey.get('5971ZA|14||')!.adresId).toBe(ADRES.gezinswoning);
    expect(adres(ADRES.gezinswoning)).toEqual(['Hazelaarstraat', 14, '5971ZA', 'WK999901']);
  });
});

describe('scenario 1: the rented-out family home', () => {
  it('registers the mother and two small children, and nobody else', () => {
    expect(bewoners(ADRES.gezinswoning)).toEqual([BSN.esmeeVerhoeven, BSN.noahVerhoeven, BSN.lotteVerhoeven].sort());
    const esmee = index.persoonByBsn.get(BSN.esmeeVerhoeven)!;
    expect([esmee.voornamen, esmee.geslachtsnaam, esmee.werkelijkAdresId, esmee.partnerBsn]).toEqual(['Esmee', 'Verhoeven', ADRES.kraaijeveld, null]);
    expect(index.byAdres.huurcontracten.get(ADRES.gezinswoning)).toEqual([
      { adresId: ADRES.gezinswoning, corporatie: 'Woonstichting Doelstad', huurderBsn: BSN.esmeeVerhoeven, ingangsdatum: '2019-08-01', kaleHuurPerMaand: 640 },
    ]);
    expect(index.adresById.get(ADRES.gezinswoning)!.eigenaarBsn).toBeNull();
  });

  it('pays her the three allowances and child benefit for both children', () => {
    expect(toeslagen(BSN.esmeeVerhoeven)).toEqual([['huurtoeslag', 2842], ['kindgebonden-budget', 4082], ['zorgtoeslag', 1500]]);
    expect(index.byBsn.kinderbijslag.get(BSN.esmeeVerhoeven)!.map((k) => [k.kindBsn, k.kwartaalbedrag])).toEqual([
      [BSN.noahVerhoeven, 346],
      [BSN.lotteVerhoeven, 285],
    ]);
  });

  it('has the partner, registered elsewhere, own the employer that houses six men there below minimum wage', () => {
    expect(index.inschrijvingOp(BSN.dennisKraaijeveld)!.adresId).toBe(ADRES.kraaijeveld);
    expect(index.byBsn.werkgevers.get(BSN.dennisKraaijeveld)!.map((w) => w.werkgeverId)).toEqual([WERKGEVER.kraaijeveldLogistiek]);
    expect(index.byAdres.huisvesting.get(ADRES.gezinswoning)).toEqual([
      { adresId: ADRES.gezinswoning, werkgeverId: WERKGEVER.kraaijeveldLogistiek, aantalPersonen: 6, vastgesteldOp: '2026-09-22' },
    ]);
    for (const bsn of ZES_MANNEN) {
      const man = index.persoonByBsn.get(bsn)!;
      expect([man.verblijfplaatsen, man.werkelijkAdresId, man.geslacht]).toEqual([[], ADRES.gezinswoning, 'M']);
      expect(index.byBsn.dienstverbanden.get(bsn)!.map((d) => [d.werkgeverId, d.loonPerMaand, d.urenPerWeek])).toEqual([[WERKGEVER.kraaijeveldLogistiek, 1473, 40]]);
      expect(index.byBsn.loonbevindingen.get(bsn)!.map((l) => [l.betaaldUurloonCent, l.minimumUurloonCent])).toEqual([[850, 1440]]);
    }
  });

  it('has one signal before the overlap and two partners after it', () => {
    expect(partnersOn(ADRES.gezinswoning, '2026-04-01')).toEqual(['woningcorporatie']);
    expect(partnersOn(ADRES.gezinswoning, '2026-11-01')).toEqual(['belastingdienst', 'woningcorporatie']);
    expect(index.byAdres.signalen.get(ADRES.gezinswoning)!.map((s) => [s.id, s.partner, s.soort, s.datum])).toEqual([
      ['SIG-9001', 'woningcorporatie', 'overlast', '2026-03-02'],
      ['SIG-9002', 'belastingdienst', 'toeslagen-afwijkend', '2026-06-15'],
    ]);
  });
});

describe('scenario 2: ghost and hidden residents', () => {
  it('registers four households in one registered dwelling unit', () => {
    const a = index.adresById.get(ADRES.gesplitsteWoning)!;
    expect([a.aantalWooneenheden, a.oppervlakte, a.eigenaarBsn]).toEqual([1, 140, BSN.marcoDeWit]);
    expect(bewoners(ADRES.gesplitsteWoning)).toEqual(
      [BSN.kevinBakker, BSN.raduMoraru, BSN.danielaMoraru, BSN.jeroenSmit, BSN.fatmaYilmaz, BSN.emreYilmaz].sort(),
    );
  });

  it('has three buildings nobody is registered in, housing migrants, with one owner', () => {
    const panden = [ADRES.spookpand1, ADRES.spookpand2, ADRES.spookpand3];
    for (const id of panden) expect(bewoners(id)).toEqual([]);
    expect(panden.map((id) => index.byAdres.huisvesting.get(id)!.map((h) => [h.werkgeverId, h.aantalPersonen]))).toEqual([
      [[WERKGEVER.flexwerkMaasland, 8]],
      [[WERKGEVER.flexwerkMaasland, 5]],
      [[WERKGEVER.flexwerkMaasland, 6]],
    ]);
    expect(index.byBsn.adressen.get(BSN.hendrikSchouten)!.map((a) => a.adresId).sort()).toEqual([...panden, ADRES.schouten].sort());
  });

  it('has a married labour-migrant couple living unregistered since 2022', () => {
    for (const [bsn, partner] of [[BSN.andreiIonescu, BSN.elenaIonescu], [BSN.elenaIonescu, BSN.andreiIonescu]] as const) {
      const p = index.persoonByBsn.get(bsn)!;
      expect([p.verblijfplaatsen, p.werkelijkAdresId, p.partnerBsn]).toEqual([[], ADRES.verborgenPaar, partner]);
      expect(index.byBsn.dienstverbanden.get(bsn)!.map((d) => [d.werkgeverId, d.startdatum])).toEqual([[WERKGEVER.flexwerkMaasland, '2022-05-16']]);
    }
    expect(bewoners(ADRES.verborgenPaar)).toEqual([]);
  });

  it('has a couple with a child registered apart while SVB finds them together', () => {
    expect(bewoners(ADRES.gezinJansen)).toEqual([BSN.sanneJansen, BSN.milaDeGroot].sort());
    expect(bewoners(ADRES.gezinJansen, '2024-12-31')).toEqual([BSN.sanneJansen, BSN.milaDeGroot, BSN.markDeGroot].sort());
    expect(bewoners(ADRES.studioDeGroot)).toEqual([BSN.markDeGroot]);
    expect(index.persoonByBsn.get(BSN.markDeGroot)!.werkelijkAdresId).toBe(ADRES.gezinJansen);
    expect(index.persoonByBsn.get(BSN.milaDeGroot)!.ouderBsns).toEqual([BSN.sanneJansen, BSN.markDeGroot]);
    expect(index.byBsn.leefsituaties.get(BSN.sanneJansen)).toEqual([
      { bsn: BSN.sanneJansen, samenwonend: true, partnerBsn: BSN.markDeGroot, vastgesteldOp: '2026-05-19' },
    ]);
    expect(toeslagen(BSN.sanneJansen)).toEqual([['huurtoeslag', 3120], ['kindgebonden-budget', 4250], ['zorgtoeslag', 1500]]);
  });

  it('has signals from two or more partners on every scenario address', () => {
    const s2 = world.scenarios.find((s) => s.nummer === 2)!;
    for (const id of s2.adresIds) expect(partnersOn(id, '2026-11-01').length).toBeGreaterThanOrEqual(2);
    expect(partnersOn(ADRES.gesplitsteWoning, '2026-11-01')).toEqual(['bag', 'politie', 'sociale-dienst']);
  });
});

describe('scenario 3: desk research', () => {
  const vergelijk = (bsn: string) => ({
    bijstand: (index.byBsn.bijstand.get(bsn) ?? []).filter((b) => b.einddatum === null).map((b) => b.bedragPerMaand),
    dienstverband: (index.byBsn.dienstverbanden.get(bsn) ?? []).filter((d) => d.einddatum === null).map((d) => d.loonPerMaand),
    inkomen2025: (index.byBsn.inkomens.get(bsn) ?? []).map((i) => i.verzamelinkomen),
  });

  it('shows assistance alongside an active job (Visser)', () => {
    expect(vergelijk(BSN.patrickVisser)).toEqual({ bijstand: [1401], dienstverband: [2650], inkomen2025: [22656] });
  });

  it('shows income the social service does not know (Kok)', () => {
    expect(vergelijk(BSN.yvonneKok)).toEqual({ bijstand: [1401], dienstverband: [], inkomen2025: [31712] });
  });

  it('shows a partner\'s new job next to assistance for the couple (Kaya)', () => {
    expect(vergelijk(BSN.ahmetKaya)).toEqual({ bijstand: [2001], dienstverband: [], inkomen2025: [24012] });
    expect(vergelijk(BSN.zeynepKaya)).toEqual({ bijstand: [], dienstverband: [1850], inkomen2025: [0] });
  });

  it('shows agreement at one address (Hendriks)', () => {
    expect(vergelijk(BSN.ingridHendriks)).toEqual({ bijstand: [1401], dienstverband: [], inkomen2025: [16812] });
    expect(index.byBsn.dienstverbanden.get(BSN.ingridHendriks)!.map((d) => d.einddatum)).toEqual(['2024-05-31']);
  });

  it('has signals from two partners on each address', () => {
    expect([ADRES.bureauVisser, ADRES.bureauKok, ADRES.bureauKaya, ADRES.bureauHendriks].map((id) => partnersOn(id, '2026-11-01'))).toEqual([
      ['sociale-dienst', 'uwv'],
      ['inlichtingenbureau', 'sociale-dienst'],
      ['inlichtingenbureau', 'uwv'],
      ['politie', 'sociale-dienst'],
    ]);
  });
});

describe('scenario 4: help, not only enforcement', () => {
  it('has a vulnerable resident with a care trajectory at an address with overlapping signals', () => {
    expect(partnersOn(ADRES.zorgWouters, '2026-11-01')).toEqual(['inlichtingenbureau', 'politie']);
    expect(bewoners(ADRES.zorgWouters)).toEqual([BSN.gerdaWouters, BSN.ronaldWouters].sort());
    expect(index.byBsn.zorgtrajecten.get(BSN.gerdaWouters)!.map((z) => [z.soort, z.startdatum])).toEqual([['wmo-begeleiding', '2026-07-01']]);
    expect(index.byBsn.zorgtrajecten.get(BSN.ronaldWouters)!.map((z) => [z.soort, z.startdatum])).toEqual([['schuldhulp', '2026-07-15']]);
    expect(index.byBsn.aow.get(BSN.gerdaWouters)!.map((a) => [a.bedragPerMaand, a.leefsituatie])).toEqual([[1580, 'alleenstaand']]);
  });
});

describe('scenario 5: the data subject', () => {
  it('is Esmee Verhoeven of the family home', () => {
    const s5 = world.scenarios.find((s) => s.nummer === 5)!;
    expect([s5.adresIds, s5.bsns]).toEqual([[ADRES.gezinswoning], [BSN.esmeeVerhoeven]]);
  });
});

describe('secret versus nobody', () => {
  it('has a person with the BRP secrecy flag at a scenario address', () => {
    const fatma = index.persoonByBsn.get(BSN.fatmaYilmaz)!;
    expect([fatma.geheimhouding, index.inschrijvingOp(BSN.fatmaYilmaz)!.adresId]).toEqual([true, ADRES.gesplitsteWoning]);
  });

  it('has a dwelling where nobody is registered, nobody lives and two partners signal', () => {
    expect(bewoners(ADRES.leegstaand)).toEqual([]);
    expect(world.personen.filter((p) => p.werkelijkAdresId === ADRES.leegstaand)).toEqual([]);
    expect(index.byAdres.huisvesting.get(ADRES.leegstaand)).toBeUndefined();
    expect(partnersOn(ADRES.leegstaand, '2026-11-01')).toEqual(['brp', 'woningcorporatie']);
  });
});
