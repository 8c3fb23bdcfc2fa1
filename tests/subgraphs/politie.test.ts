import { describe, expect, it } from 'vitest';
import { createPolitieSubgraph } from '../../subgraphs/politie/index.ts';
import { SCENARIO_ADRES, SCENARIO_BSN, defaultWorld } from '../../subgraphs/world/index.ts';
import { BRAM, GEEN_ADRES, MOLENWEG_7B_2, NIEMAND, fixtureWorld } from './fixture.ts';
import { composeWithRegisters, entities, servedSdl, subjectClassifications, unclassifiedSubjectFields } from './partner-checks.ts';

const world = defaultWorld();
const politie = createPolitieSubgraph(world);
const POLITIE_PURPOSES = ['woonfraude', 'arbeidsuitbuiting'];
const REGISTRATIE = '{ id soort datum omschrijving }';

describe('Politie subgraph', () => {
  it('classifies every Persoon and Adres field it serves, registrations as criminal-law data', async () => {
    const sdl = await servedSdl(politie);
    expect(unclassifiedSubjectFields(sdl)).toEqual([]);
    expect(subjectClassifications('politie', sdl)).toEqual({
      'Persoon.bsn': { tier: 'identifying', purposes: POLITIE_PURPOSES, minimised: 'masked-bsn' },
      'Persoon.politieRegistraties': { tier: 'criminal-law', purposes: POLITIE_PURPOSES },
      'Adres.adresId': { tier: 'low', purposes: POLITIE_PURPOSES },
      'Adres.politieRegistraties': { tier: 'criminal-law', purposes: POLITIE_PURPOSES },
      'Adres.politieSignalen': { tier: 'low', purposes: POLITIE_PURPOSES },
    });
  });

  it('gives the planted registrations and signals at the scenario addresses', async () => {
    const result = await entities(politie, 'Adres', [SCENARIO_ADRES.gesplitsteWoning, SCENARIO_ADRES.zorgWouters], `{ adresId politieRegistraties ${REGISTRATIE} politieSignalen { id soort datum partner } }`);
    expect(result).toEqual({
      data: {
        _entities: [
          {
            adresId: SCENARIO_ADRES.gesplitsteWoning,
            politieRegistraties: [
              { id: 'POL-9001', soort: 'overlast', datum: '2026-02-18', omschrijving: 'Neighbours report noise and an overloaded power strip seen through a window.' },
            ],
            politieSignalen: [{ id: 'SIG-9003', soort: 'overlast', datum: '2026-02-18', partner: 'politie' }],
          },
          {
            adresId: SCENARIO_ADRES.zorgWouters,
            politieRegistraties: [
              { id: 'POL-9003', soort: 'overlast', datum: '2026-03-21', omschrijving: 'Shouting at night; a neighbour is worried about the elderly resident.' },
            ],
            politieSignalen: [{ id: 'SIG-9027', soort: 'overlast', datum: '2026-03-21', partner: 'politie' }],
          },
        ],
      },
    });
  });

  it('ties a registration to a person only when it names the person', async () => {
    const fixturePolitie = createPolitieSubgraph(fixtureWorld);
    expect(await entities(fixturePolitie, 'Persoon', [BRAM], `{ politieRegistraties ${REGISTRATIE} }`)).toEqual({
      data: {
        _entities: [{ politieRegistraties: [{ id: 'PR-0002', soort: 'incident', datum: '2025-11-03', omschrijving: 'Dispute between an employer and workers.' }] }],
      },
    });
    expect(await entities(fixturePolitie, 'Adres', [MOLENWEG_7B_2], '{ politieRegistraties { id } politieSignalen { id } }')).toEqual({
      data: { _entities: [{ politieRegistraties: [{ id: 'PR-0002' }], politieSignalen: [] }] },
    });
    // The planted registrations name no person.
    expect(await entities(politie, 'Persoon', [SCENARIO_BSN.gerdaWouters], '{ politieRegistraties { id } }')).toEqual({
      data: { _entities: [{ politieRegistraties: [] }] },
    });
  });

  it('answers empty lists for an unknown person or address', async () => {
    const fixturePolitie = createPolitieSubgraph(fixtureWorld);
    expect(await entities(fixturePolitie, 'Persoon', [NIEMAND], '{ bsn politieRegistraties { id } }')).toEqual({
      data: { _entities: [{ bsn: NIEMAND, politieRegistraties: [] }] },
    });
    expect(await entities(fixturePolitie, 'Adres', [GEEN_ADRES], '{ adresId politieRegistraties { id } politieSignalen { id } }')).toEqual({
      data: { _entities: [{ adresId: GEEN_ADRES, politieRegistraties: [], politieSignalen: [] }] },
    });
  });

  it('composes with BRP and BAG', () => {
    expect(composeWithRegisters(world, politie)).toMatchObject({ ok: true });
  });
});
