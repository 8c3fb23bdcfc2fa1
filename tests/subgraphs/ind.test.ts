import { describe, expect, it } from 'vitest';
import { createIndSubgraph } from '../../subgraphs/ind/index.ts';
import { SCENARIO_ADRES, SCENARIO_BSN, defaultWorld } from '../../subgraphs/world/index.ts';
import { ANNA, EMIL, KERKSTRAAT_12, NIEMAND, fixtureWorld } from './fixture.ts';
import { composeWithRegisters, entities, servedSdl, subjectClassifications, unclassifiedSubjectFields } from './partner-checks.ts';

const world = defaultWorld();
const ind = createIndSubgraph(world);
const IND_PURPOSES = ['uitkeringsfraude', 'adreskwaliteit', 'arbeidsuitbuiting'];

describe('IND subgraph', () => {
  it('classifies every Persoon and Adres field it serves', async () => {
    const sdl = await servedSdl(ind);
    expect(unclassifiedSubjectFields(sdl)).toEqual([]);
    expect(subjectClassifications('ind', sdl)).toEqual({
      'Persoon.bsn': { tier: 'identifying', purposes: IND_PURPOSES, minimised: 'masked-bsn' },
      'Persoon.verblijfsstatus': { tier: 'identifying', purposes: IND_PURPOSES },
      'Adres.adresId': { tier: 'low', purposes: IND_PURPOSES },
      'Adres.indSignalen': { tier: 'low', purposes: IND_PURPOSES },
    });
  });

  it('gives the residence status of the planted persons of scenario 1', async () => {
    const result = await entities(ind, 'Persoon', [SCENARIO_BSN.esmeeVerhoeven, SCENARIO_BSN.piotrNowak, SCENARIO_BSN.dennisKraaijeveld], '{ bsn verblijfsstatus { soort geldigTot } }');
    expect(result).toEqual({
      data: {
        _entities: [
          { bsn: SCENARIO_BSN.esmeeVerhoeven, verblijfsstatus: { soort: 'nederlander', geldigTot: null } },
          { bsn: SCENARIO_BSN.piotrNowak, verblijfsstatus: { soort: 'eu-burger', geldigTot: null } },
          { bsn: SCENARIO_BSN.dennisKraaijeveld, verblijfsstatus: { soort: 'nederlander', geldigTot: null } },
        ],
      },
    });
  });

  it('gives its own signals on an address and none of the other partners', async () => {
    const fixtureInd = createIndSubgraph(fixtureWorld);
    const result = await entities(fixtureInd, 'Adres', [KERKSTRAAT_12], '{ indSignalen { id soort datum partner } }');
    expect(result).toEqual({
      data: { _entities: [{ indSignalen: [{ id: 'SIG-08', soort: 'verblijf-onduidelijk', datum: '2026-05-16', partner: 'ind' }] }] },
    });
    const fixturePersons = await entities(fixtureInd, 'Persoon', [ANNA, EMIL], '{ verblijfsstatus { soort geldigTot } }');
    expect(fixturePersons.data?._entities).toEqual([
      { verblijfsstatus: { soort: 'nederlander', geldigTot: null } },
      { verblijfsstatus: { soort: 'eu-burger', geldigTot: null } },
    ]);
  });

  it('answers null and empty lists for an unknown person or address', async () => {
    const fixtureInd = createIndSubgraph(fixtureWorld);
    expect(await entities(fixtureInd, 'Persoon', [NIEMAND], '{ bsn verblijfsstatus { soort } }')).toEqual({
      data: { _entities: [{ bsn: NIEMAND, verblijfsstatus: null }] },
    });
    expect(await entities(ind, 'Adres', [SCENARIO_ADRES.leegstaand], '{ adresId indSignalen { id } }')).toEqual({
      data: { _entities: [{ adresId: SCENARIO_ADRES.leegstaand, indSignalen: [] }] },
    });
  });

  it('composes with BRP and BAG', () => {
    expect(composeWithRegisters(world, ind)).toMatchObject({ ok: true });
  });
});
