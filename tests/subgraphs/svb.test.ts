import { describe, expect, it } from 'vitest';
import { createSvbSubgraph } from '../../subgraphs/svb/index.ts';
import { SCENARIO_ADRES, SCENARIO_BSN, defaultWorld } from '../../subgraphs/world/index.ts';
import { ANNA, BRAM, CAS, DEWI, FENNA, GEEN_ADRES, KERKSTRAAT_12, NIEMAND, fixtureWorld } from './fixture.ts';
import { composeWithRegisters, entities, servedSdl, subjectClassifications, unclassifiedSubjectFields } from './partner-checks.ts';

const world = defaultWorld();
const svb = createSvbSubgraph(world);
const SVB_PURPOSES = ['uitkeringsfraude', 'adreskwaliteit'];
const SELECTION = '{ bsn aow { bedragPerMaand leefsituatie ingangsdatum } kinderbijslag { kind { bsn } kwartaalbedrag } leefsituatie { samenwonend partner { bsn } vastgesteldOp } }';

describe('svb subgraph', () => {
  it('classifies every Persoon and Adres field it serves', async () => {
    const sdl = await servedSdl(svb);
    expect(unclassifiedSubjectFields(sdl)).toEqual([]);
    expect(subjectClassifications('svb', sdl)).toEqual({
      'Persoon.bsn': { tier: 'identifying', purposes: SVB_PURPOSES, minimised: 'masked-bsn' },
      'Persoon.aow': { tier: 'financial', purposes: SVB_PURPOSES, minimised: 'exists' },
      'Persoon.kinderbijslag': { tier: 'financial', purposes: SVB_PURPOSES, minimised: 'count' },
      'Persoon.leefsituatie': { tier: 'identifying', purposes: SVB_PURPOSES },
      'Adres.adresId': { tier: 'low', purposes: SVB_PURPOSES },
      'Adres.svbSignalen': { tier: 'low', purposes: SVB_PURPOSES },
    });
  });

  it('gives child benefit and living situation of scenarios 1 and 2, and the AOW of scenario 4', async () => {
    const { esmeeVerhoeven, noahVerhoeven, lotteVerhoeven, sanneJansen, markDeGroot, milaDeGroot, gerdaWouters } = SCENARIO_BSN;
    expect(await entities(svb, 'Persoon', [esmeeVerhoeven, sanneJansen, gerdaWouters], SELECTION)).toEqual({
      data: {
        _entities: [
          {
            bsn: esmeeVerhoeven,
            aow: null,
            kinderbijslag: [
              { kind: { bsn: noahVerhoeven }, kwartaalbedrag: 346 },
              { kind: { bsn: lotteVerhoeven }, kwartaalbedrag: 285 },
            ],
            leefsituatie: { samenwonend: false, partner: null, vastgesteldOp: '2024-01-10' },
          },
          {
            bsn: sanneJansen,
            aow: null,
            kinderbijslag: [{ kind: { bsn: milaDeGroot }, kwartaalbedrag: 346 }],
            leefsituatie: { samenwonend: true, partner: { bsn: markDeGroot }, vastgesteldOp: '2026-05-19' },
          },
          {
            bsn: gerdaWouters,
            aow: { bedragPerMaand: 1580, leefsituatie: 'alleenstaand', ingangsdatum: '2017-12-30' },
            kinderbijslag: [],
            leefsituatie: { samenwonend: false, partner: null, vastgesteldOp: '2017-12-30' },
          },
        ],
      },
    });
  });

  it("gives child benefit for Fatma Yilmaz's son", async () => {
    const result = await entities(svb, 'Persoon', [SCENARIO_BSN.fatmaYilmaz], '{ kinderbijslag { kind { bsn } kwartaalbedrag } }');
    expect(result.data?._entities).toEqual([{ kinderbijslag: [{ kind: { bsn: SCENARIO_BSN.emreYilmaz }, kwartaalbedrag: 406 }] }]);
  });

  it('gives the most recent living situation SVB established', async () => {
    const fixture = createSvbSubgraph(fixtureWorld);
    expect(await entities(fixture, 'Persoon', [ANNA, FENNA], SELECTION)).toEqual({
      data: {
        _entities: [
          {
            bsn: ANNA,
            aow: null,
            kinderbijslag: [
              { kind: { bsn: CAS }, kwartaalbedrag: 307 },
              { kind: { bsn: DEWI }, kwartaalbedrag: 307 },
            ],
            leefsituatie: { samenwonend: true, partner: { bsn: BRAM }, vastgesteldOp: '2026-06-01' },
          },
          { bsn: FENNA, aow: { bedragPerMaand: 1450, leefsituatie: 'alleenstaand', ingangsdatum: '2025-10-23' }, kinderbijslag: [], leefsituatie: null },
        ],
      },
    });
    expect((await entities(fixture, 'Adres', [KERKSTRAAT_12], '{ svbSignalen { id } }')).data?._entities).toEqual([{ svbSignalen: [{ id: 'SIG-06' }] }]);
  });

  it('gives its own signals on the addresses of the couple apart in the BRP', async () => {
    const result = await entities(svb, 'Adres', [SCENARIO_ADRES.gezinJansen, SCENARIO_ADRES.studioDeGroot], '{ svbSignalen { id soort datum partner } }');
    expect(result.data?._entities).toEqual([
      { svbSignalen: [{ id: 'SIG-9014', soort: 'leefsituatie-afwijkend', datum: '2026-05-19', partner: 'svb' }] },
      { svbSignalen: [{ id: 'SIG-9016', soort: 'leefsituatie-afwijkend', datum: '2026-05-19', partner: 'svb' }] },
    ]);
  });

  it('answers nulls and empty lists for an unknown person or address', async () => {
    expect(await entities(createSvbSubgraph(fixtureWorld), 'Persoon', [NIEMAND], SELECTION)).toEqual({
      data: { _entities: [{ bsn: NIEMAND, aow: null, kinderbijslag: [], leefsituatie: null }] },
    });
    expect(await entities(createSvbSubgraph(fixtureWorld), 'Adres', [GEEN_ADRES], '{ adresId svbSignalen { id } }')).toEqual({ data: { _entities: [{ adresId: GEEN_ADRES, svbSignalen: [] }] } });
  });

  it('composes with BRP and BAG', () => {
    expect(composeWithRegisters(world, svb)).toMatchObject({ ok: true });
  });
});
