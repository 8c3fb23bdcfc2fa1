import { describe, expect, it } from 'vitest';
import { createWijkteamSubgraph } from '../../subgraphs/wijkteam/index.ts';
import { SCENARIO_BSN, defaultWorld } from '../../subgraphs/world/index.ts';
import { ANNA, DEWI, NIEMAND, fixtureWorld } from './fixture.ts';
import { composeWithRegisters, entities, servedSdl, subjectClassifications, unclassifiedSubjectFields } from './partner-checks.ts';

const world = defaultWorld();
const wijkteam = createWijkteamSubgraph(world);
const ALL_PURPOSES = ['uitkeringsfraude', 'adreskwaliteit', 'woonfraude', 'arbeidsuitbuiting', 'hulpverlening'];
const SELECTION = '{ bsn zorgtrajecten { soort ondersteuningsbehoefte startdatum einddatum } heeftZorgverwijzing }';

describe('wijkteam subgraph', () => {
  it('classifies care data as special category for help only, and the referral flag as identifying for every purpose (issue 12, item 2: a protected status is never low)', async () => {
    const sdl = await servedSdl(wijkteam);
    expect(unclassifiedSubjectFields(sdl)).toEqual([]);
    expect(subjectClassifications('wijkteam', sdl)).toEqual({
      'Persoon.bsn': { tier: 'identifying', purposes: ALL_PURPOSES, minimised: 'masked-bsn' },
      'Persoon.zorgtrajecten': { tier: 'special-category', purposes: ['hulpverlening'] },
      'Persoon.heeftZorgverwijzing': { tier: 'identifying', purposes: ALL_PURPOSES },
    });
  });

  it('gives the care trajectories of scenario 4 and that a referral exists', async () => {
    const { gerdaWouters, ronaldWouters, esmeeVerhoeven } = SCENARIO_BSN;
    expect(await entities(wijkteam, 'Persoon', [gerdaWouters, ronaldWouters, esmeeVerhoeven], SELECTION)).toEqual({
      data: {
        _entities: [
          {
            bsn: gerdaWouters,
            zorgtrajecten: [
              {
                soort: 'wmo-begeleiding',
                ondersteuningsbehoefte: 'Support with daily living, medication and finances; early signs of dementia.',
                startdatum: '2026-07-01',
                einddatum: null,
              },
            ],
            heeftZorgverwijzing: true,
          },
          {
            bsn: ronaldWouters,
            zorgtrajecten: [{ soort: 'schuldhulp', ondersteuningsbehoefte: 'Help with rent arrears and debts.', startdatum: '2026-07-15', einddatum: null }],
            heeftZorgverwijzing: true,
          },
          { bsn: esmeeVerhoeven, zorgtrajecten: [], heeftZorgverwijzing: false },
        ],
      },
    });
  });

  it('counts only a trajectory that runs on the reference date as a referral', async () => {
    const fixture = createWijkteamSubgraph(fixtureWorld);
    expect((await entities(fixture, 'Persoon', [ANNA, DEWI], '{ zorgtrajecten { soort einddatum } heeftZorgverwijzing }')).data?._entities).toEqual([
      { zorgtrajecten: [{ soort: 'schuldhulp', einddatum: null }], heeftZorgverwijzing: true },
      { zorgtrajecten: [{ soort: 'jeugdhulp', einddatum: '2024-01-01' }], heeftZorgverwijzing: false },
    ]);
  });

  it('answers an empty list and no referral for an unknown person', async () => {
    expect(await entities(createWijkteamSubgraph(fixtureWorld), 'Persoon', [NIEMAND], SELECTION)).toEqual({
      data: { _entities: [{ bsn: NIEMAND, zorgtrajecten: [], heeftZorgverwijzing: false }] },
    });
  });

  it('composes with BRP and BAG', () => {
    expect(composeWithRegisters(world, wijkteam)).toMatchObject({ ok: true });
  });
});
