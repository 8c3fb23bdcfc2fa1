import { describe, expect, it } from 'vitest';
import { createUwvSubgraph } from '../../subgraphs/uwv/index.ts';
import { SCENARIO_ADRES, SCENARIO_BSN, defaultWorld } from '../../subgraphs/world/index.ts';
import { ANNA, GEEN_ADRES, KERKSTRAAT_12, NIEMAND, fixtureWorld } from './fixture.ts';
import { composeWithRegisters, entities, servedSdl, subjectClassifications, unclassifiedSubjectFields } from './partner-checks.ts';

const world = defaultWorld();
const uwv = createUwvSubgraph(world);
const UWV_PURPOSES = ['uitkeringsfraude', 'adreskwaliteit', 'arbeidsuitbuiting'];
const SELECTION = '{ bsn dienstverbanden { werkgeverNaam startdatum einddatum loonPerMaand urenPerWeek } uwvUitkeringen { soort bedragPerMaand ingangsdatum einddatum } }';

describe('uwv subgraph', () => {
  it('classifies every Persoon and Adres field it serves', async () => {
    const sdl = await servedSdl(uwv);
    expect(unclassifiedSubjectFields(sdl)).toEqual([]);
    expect(subjectClassifications('uwv', sdl)).toEqual({
      'Persoon.bsn': { tier: 'identifying', purposes: UWV_PURPOSES, minimised: 'masked-bsn' },
      'Persoon.dienstverbanden': { tier: 'financial', purposes: UWV_PURPOSES, minimised: 'count' },
      'Persoon.uwvUitkeringen': { tier: 'financial', purposes: ['uitkeringsfraude', 'adreskwaliteit'], minimised: 'count' },
      'Adres.adresId': { tier: 'low', purposes: UWV_PURPOSES },
      'Adres.uwvSignalen': { tier: 'low', purposes: UWV_PURPOSES },
    });
  });

  it('gives the employments of scenario 1 and of the desk research', async () => {
    const { esmeeVerhoeven, piotrNowak, zeynepKaya, ingridHendriks } = SCENARIO_BSN;
    expect(await entities(uwv, 'Persoon', [esmeeVerhoeven, piotrNowak, zeynepKaya, ingridHendriks], SELECTION)).toEqual({
      data: {
        _entities: [
          {
            bsn: esmeeVerhoeven,
            dienstverbanden: [{ werkgeverNaam: 'Schoonmaakbedrijf Helder B.V.', startdatum: '2021-03-01', einddatum: null, loonPerMaand: 1100, urenPerWeek: 20 }],
            uwvUitkeringen: [],
          },
          {
            bsn: piotrNowak,
            dienstverbanden: [{ werkgeverNaam: 'Kraaijeveld Logistiek B.V.', startdatum: '2026-02-02', einddatum: null, loonPerMaand: 1473, urenPerWeek: 40 }],
            uwvUitkeringen: [],
          },
          {
            bsn: zeynepKaya,
            dienstverbanden: [{ werkgeverNaam: 'Schoonmaakbedrijf Helder B.V.', startdatum: '2026-01-15', einddatum: null, loonPerMaand: 1850, urenPerWeek: 24 }],
            uwvUitkeringen: [],
          },
          {
            bsn: ingridHendriks,
            dienstverbanden: [{ werkgeverNaam: 'Bouwbedrijf Lindeboom B.V.', startdatum: '2014-03-01', einddatum: '2024-05-31', loonPerMaand: 2400, urenPerWeek: 32 }],
            uwvUitkeringen: [],
          },
        ],
      },
    });
  });

  it('gives the hidden couple four years of work and its signals on their address', async () => {
    const persons = await entities(uwv, 'Persoon', [SCENARIO_BSN.andreiIonescu, SCENARIO_BSN.elenaIonescu], '{ dienstverbanden { werkgeverNaam startdatum loonPerMaand urenPerWeek } }');
    const flexwerk = { werkgeverNaam: 'Flexwerk Maasland B.V.', startdatum: '2022-05-16', loonPerMaand: 2350, urenPerWeek: 40 };
    expect(persons.data?._entities).toEqual([{ dienstverbanden: [flexwerk] }, { dienstverbanden: [flexwerk] }]);
    const adressen = await entities(uwv, 'Adres', [SCENARIO_ADRES.verborgenPaar, SCENARIO_ADRES.bureauKaya], '{ uwvSignalen { id soort datum partner } }');
    expect(adressen.data?._entities).toEqual([
      { uwvSignalen: [{ id: 'SIG-9012', soort: 'woonadres-onbekend', datum: '2026-03-09', partner: 'uwv' }] },
      { uwvSignalen: [{ id: 'SIG-9022', soort: 'dienstverband-naast-uitkering', datum: '2026-03-16', partner: 'uwv' }] },
    ]);
  });

  it('gives past employment and a past benefit', async () => {
    const fixture = createUwvSubgraph(fixtureWorld);
    expect(await entities(fixture, 'Persoon', [ANNA], SELECTION)).toEqual({
      data: {
        _entities: [
          {
            bsn: ANNA,
            dienstverbanden: [{ werkgeverNaam: 'Supermarkt De Hoek B.V.', startdatum: '2016-04-01', einddatum: '2019-06-30', loonPerMaand: 1850, urenPerWeek: 24 }],
            uwvUitkeringen: [{ soort: 'WW', bedragPerMaand: 905, ingangsdatum: '2019-07-01', einddatum: '2020-01-01' }],
          },
        ],
      },
    });
    expect((await entities(fixture, 'Adres', [KERKSTRAAT_12], '{ uwvSignalen { id } }')).data?._entities).toEqual([{ uwvSignalen: [{ id: 'SIG-04' }] }]);
  });

  it('answers empty lists for an unknown person or address', async () => {
    expect(await entities(createUwvSubgraph(fixtureWorld), 'Persoon', [NIEMAND], SELECTION)).toEqual({ data: { _entities: [{ bsn: NIEMAND, dienstverbanden: [], uwvUitkeringen: [] }] } });
    expect(await entities(createUwvSubgraph(fixtureWorld), 'Adres', [GEEN_ADRES], '{ adresId uwvSignalen { id } }')).toEqual({ data: { _entities: [{ adresId: GEEN_ADRES, uwvSignalen: [] }] } });
  });

  it('composes with BRP and BAG', () => {
    expect(composeWithRegisters(world, uwv)).toMatchObject({ ok: true });
  });
});
