// One query per scenario address, across the 13 real partner subgraphs, with the allow-all test policy.
import { describe, expect, it } from 'vitest';
import { defaultWorld } from '../../subgraphs/world/index.ts';
import { createInProcessWorldGateway } from '../helpers/world-gateway.ts';
import { SCENARIO_1_DATA, SCENARIO_1_QUERY } from './scenario-1.ts';
import { LINDELAAN_3, MEIDOORNWEG_12, MEIDOORNWEG_27, VLIERBESSTRAAT_22, VLIERBESSTRAAT_30 } from './scenarios-2-to-4.ts';

const gateway = createInProcessWorldGateway(defaultWorld());

type Row = Record<string, unknown>;
const at = (value: unknown, ...path: (string | number)[]): unknown => path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], value);
const bewoner = (data: unknown, bsn: string): Row => (at(data, 'adres', 'bewoners') as Row[]).find((b) => b.bsn === bsn)!;

describe('combined views of the scenario addresses', () => {
  it('scenario 1: Hazelaarstraat 14 and the six men living there, from every partner', async () => {
    const { result } = await gateway.run(SCENARIO_1_QUERY);
    expect(result).toEqual({ data: SCENARIO_1_DATA });
  });

  it('scenario 2: Vlierbesstraat 22, one dwelling unit with four households', async () => {
    const { result } = await gateway.run(VLIERBESSTRAAT_22.query);
    expect(result).toEqual({ data: VLIERBESSTRAAT_22.data });
    const data = result.data;
    expect(at(data, 'adres', 'verblijfsobject')).toEqual({ oppervlakte: 140, gebruiksdoel: 'woonfunctie', aantalWooneenheden: 1, bouwjaar: 1931 });
    expect(at(data, 'adres', 'aantalBewoners')).toBe(6);
    expect(at(data, 'adres', 'eigenaar', 'naam')).toEqual({ voornamen: 'Marco', voorvoegsel: 'de', geslachtsnaam: 'Wit' });
    expect(bewoner(data, '999990160').geheimhouding).toBe(true);
    expect(bewoner(data, '999990160').toeslagen).toEqual([
      { soort: 'zorgtoeslag', jaar: 2026, jaarbedrag: 1380 },
      { soort: 'kindgebonden-budget', jaar: 2026, jaarbedrag: 4700 },
    ]);
    expect(bewoner(data, '999990160').kinderbijslag).toEqual([{ kind: { bsn: '999990172', naam: { voornamen: 'Emre' } }, kwartaalbedrag: 406 }]);
    expect(bewoner(data, '999990159').bijstand).toEqual([
      { bedragPerMaand: 1401, normType: 'alleenstaande', aantalKostendelers: 1, ingangsdatum: '2022-10-01', einddatum: null },
    ]);
    const signalen = ['bagSignalen', 'socialeDienstSignalen', 'politieSignalen'].flatMap((f) => (at(data, 'adres', f) as Row[]).map((s) => s.id));
    expect(signalen).toEqual(['SIG-9005', 'SIG-9004', 'SIG-9003']);
  });

  it('scenario 2: Vlierbesstraat 30, empty in the BRP, houses 8 labour migrants, owned by Schouten', async () => {
    const { result } = await gateway.run(VLIERBESSTRAAT_30.query);
    expect(result).toEqual({ data: VLIERBESSTRAAT_30.data });
    expect(at(result.data, 'adres', 'bewoners')).toEqual([]);
    expect(at(result.data, 'adres', 'huisvestingArbeidsmigranten')).toEqual([
      { aantalPersonen: 8, vastgesteldOp: '2026-04-20', werkgever: { werkgeverId: '899990002L01', naam: 'Flexwerk Maasland B.V.', kvkNummer: '99990002', eigenaar: null } },
    ]);
    expect(at(result.data, 'adres', 'eigenaar', 'inkomens')).toEqual([{ jaar: 2025, verzamelinkomen: 96000, vermogen: 1250000 }]);
    expect((at(result.data, 'adres', 'eigenaar', 'adressenInEigendom') as Row[]).map((a) => a.adresId)).toEqual([
      '9999200000900003',
      '9999200000900004',
      '9999200000900005',
      '9999200000900017',
    ]);
  });

  it('scenario 2: Meidoornweg 12, where the unregistered Ionescu couple lives', async () => {
    const { result } = await gateway.run(MEIDOORNWEG_12.query);
    expect(result).toEqual({ data: MEIDOORNWEG_12.data });
    expect(at(result.data, 'adres', 'aantalBewoners')).toBe(0);
    expect(at(result.data, 'adres', 'huisvestingArbeidsmigranten', 0, 'aantalPersonen')).toBe(2);
    for (const [alias, partner] of [['andrei', '999990214'], ['elena', '999990202']] as const) {
      expect(at(result.data, alias, 'verblijfplaatsen')).toEqual([]);
      expect(at(result.data, alias, 'partner')).toEqual({ bsn: partner });
      expect(at(result.data, alias, 'dienstverbanden')).toEqual([
        { werkgeverNaam: 'Flexwerk Maasland B.V.', startdatum: '2022-05-16', einddatum: null, loonPerMaand: 2350, urenPerWeek: 40 },
      ]);
    }
  });

  it('scenario 3: Lindelaan 3, assistance alongside a job', async () => {
    const { result } = await gateway.run(LINDELAAN_3.query);
    expect(result).toEqual({ data: LINDELAAN_3.data });
    const patrick = bewoner(result.data, '999990263');
    expect(patrick.bijstand).toEqual([{ bedragPerMaand: 1401, normType: 'alleenstaande', aantalKostendelers: 1, ingangsdatum: '2023-03-01', einddatum: null }]);
    expect(patrick.risicoscore).toEqual({ kleur: 'rood', berekendOp: '2026-01-15' });
    expect(patrick.dienstverbanden).toEqual([
      { werkgeverNaam: 'Bouwbedrijf Lindeboom B.V.', startdatum: '2025-09-01', einddatum: null, loonPerMaand: 2650, urenPerWeek: 40 },
    ]);
    expect(patrick.inkomens).toEqual([{ jaar: 2025, verzamelinkomen: 22656, vermogen: 1000 }]);
  });

  it('scenario 4: Meidoornweg 27, Gerda and her son Ronald, with their care trajectories', async () => {
    const { result } = await gateway.run(MEIDOORNWEG_27.query);
    expect(result).toEqual({ data: MEIDOORNWEG_27.data });
    const gerda = bewoner(result.data, '999990317');
    const ronald = bewoner(result.data, '999990329');
    expect(at(result.data, 'adres', 'eigenaar')).toEqual(gerda);
    expect(gerda.aow).toEqual({ bedragPerMaand: 1580, leefsituatie: 'alleenstaand', ingangsdatum: '2017-12-30' });
    expect(gerda.zorgtrajecten).toEqual([{ soort: 'wmo-begeleiding', startdatum: '2026-07-01', einddatum: null }]);
    expect(ronald.bijstand).toEqual([{ bedragPerMaand: 1401, normType: 'alleenstaande', aantalKostendelers: 1, ingangsdatum: '2024-11-01', einddatum: null }]);
    expect(ronald.zorgtrajecten).toEqual([{ soort: 'schuldhulp', startdatum: '2026-07-15', einddatum: null }]);
    expect(ronald.ibSignalen).toEqual([{ id: 'IB-9003', type: 'kostendelers', datum: '2026-03-05' }]);
    expect(at(result.data, 'adres', 'politieRegistraties')).toEqual([{ id: 'POL-9003', soort: 'overlast', datum: '2026-03-21' }]);
  });
});
