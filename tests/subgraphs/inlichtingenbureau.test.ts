import { describe, expect, it } from 'vitest';
import { createInlichtingenbureauSubgraph } from '../../subgraphs/inlichtingenbureau/index.ts';
import { SCENARIO_ADRES, SCENARIO_BSN, defaultWorld } from '../../subgraphs/world/index.ts';
import { BRAM, GEEN_ADRES, NIEMAND, fixtureWorld } from './fixture.ts';
import { composeWithRegisters, entities, servedSdl, subjectClassifications, unclassifiedSubjectFields } from './partner-checks.ts';

const world = defaultWorld();
const inlichtingenbureau = createInlichtingenbureauSubgraph(world);
const IB_PURPOSES = ['uitkeringsfraude'];
const IB_SIGNAAL = '{ id type datum omschrijving }';

describe('Inlichtingenbureau subgraph', () => {
  it('classifies every Persoon and Adres field it serves, its signals about persons as financial data', async () => {
    const sdl = await servedSdl(inlichtingenbureau);
    expect(unclassifiedSubjectFields(sdl)).toEqual([]);
    expect(subjectClassifications('inlichtingenbureau', sdl)).toEqual({
      'Persoon.bsn': { tier: 'identifying', purposes: IB_PURPOSES, minimised: 'masked-bsn' },
      'Persoon.ibSignalen': { tier: 'financial', purposes: IB_PURPOSES, minimised: 'count' },
      'Adres.adresId': { tier: 'low', purposes: IB_PURPOSES },
      'Adres.inlichtingenbureauSignalen': { tier: 'low', purposes: IB_PURPOSES },
    });
  });

  it('gives the planted signals about Yvonne Kok, Zeynep Kaya (scenario 3) and Ronald Wouters (scenario 4)', async () => {
    const persons = [SCENARIO_BSN.yvonneKok, SCENARIO_BSN.zeynepKaya, SCENARIO_BSN.ronaldWouters];
    expect(await entities(inlichtingenbureau, 'Persoon', persons, `{ bsn ibSignalen ${IB_SIGNAAL} }`)).toEqual({
      data: {
        _entities: [
          { bsn: SCENARIO_BSN.yvonneKok, ibSignalen: [{ id: 'IB-9001', type: 'box1-box3', datum: '2026-02-24', omschrijving: 'Box 1 income or box 3 assets reported.' }] },
          {
            bsn: SCENARIO_BSN.zeynepKaya,
            ibSignalen: [{ id: 'IB-9002', type: 'inkomen', datum: '2026-03-30', omschrijving: 'Income from employment reported for a member of a household on benefits.' }],
          },
          { bsn: SCENARIO_BSN.ronaldWouters, ibSignalen: [{ id: 'IB-9003', type: 'kostendelers', datum: '2026-03-05', omschrijving: 'Other adults registered at the address.' }] },
        ],
      },
    });
  });

  it('gives the address signals at the scenario addresses', async () => {
    const addresses = [SCENARIO_ADRES.bureauKok, SCENARIO_ADRES.bureauKaya, SCENARIO_ADRES.zorgWouters];
    expect(await entities(inlichtingenbureau, 'Adres', addresses, '{ adresId inlichtingenbureauSignalen { id soort datum partner } }')).toEqual({
      data: {
        _entities: [
          { adresId: SCENARIO_ADRES.bureauKok, inlichtingenbureauSignalen: [{ id: 'SIG-9020', soort: 'box1-box3', datum: '2026-02-24', partner: 'inlichtingenbureau' }] },
          { adresId: SCENARIO_ADRES.bureauKaya, inlichtingenbureauSignalen: [{ id: 'SIG-9023', soort: 'inkomen', datum: '2026-03-30', partner: 'inlichtingenbureau' }] },
          { adresId: SCENARIO_ADRES.zorgWouters, inlichtingenbureauSignalen: [{ id: 'SIG-9026', soort: 'kostendelers', datum: '2026-03-05', partner: 'inlichtingenbureau' }] },
        ],
      },
    });
  });

  it("lists a person's signals oldest first", async () => {
    const fixtureIb = createInlichtingenbureauSubgraph(fixtureWorld);
    expect(await entities(fixtureIb, 'Persoon', [BRAM], `{ ibSignalen ${IB_SIGNAAL} }`)).toEqual({
      data: {
        _entities: [
          {
            ibSignalen: [
              { id: 'IB-0002', type: 'detentie', datum: '2025-01-01', omschrijving: 'Detention reported.' },
              { id: 'IB-0003', type: 'voertuigbezit', datum: '2026-02-10', omschrijving: 'Vehicle registered.' },
            ],
          },
        ],
      },
    });
  });

  it('answers empty lists for an unknown person or address', async () => {
    // NIEMAND is nobody in the fixture world (the default world has a resident with that BSN).
    const fixtureIb = createInlichtingenbureauSubgraph(fixtureWorld);
    expect(await entities(fixtureIb, 'Persoon', [NIEMAND], '{ bsn ibSignalen { id } }')).toEqual({
      data: { _entities: [{ bsn: NIEMAND, ibSignalen: [] }] },
    });
    expect(await entities(fixtureIb, 'Adres', [GEEN_ADRES], '{ adresId inlichtingenbureauSignalen { id } }')).toEqual({
      data: { _entities: [{ adresId: GEEN_ADRES, inlichtingenbureauSignalen: [] }] },
    });
  });

  it('composes with BRP and BAG', () => {
    expect(composeWithRegisters(world, inlichtingenbureau)).toMatchObject({ ok: true });
  });
});
