import { describe, expect, it } from 'vitest';
import { createWoningcorporatieSubgraph } from '../../subgraphs/woningcorporatie/index.ts';
import { SCENARIO_ADRES, SCENARIO_BSN, defaultWorld } from '../../subgraphs/world/index.ts';
import { GEEN_ADRES, NIEMAND, fixtureWorld } from './fixture.ts';
import { composeWithRegisters, entities, servedSdl, subjectClassifications, unclassifiedSubjectFields } from './partner-checks.ts';

const world = defaultWorld();
const woningcorporatie = createWoningcorporatieSubgraph(world);
const CORPORATIE_PURPOSES = ['adreskwaliteit', 'woonfraude'];
const ADRES_SELECTION = `{
  adresId
  huurcontract { corporatie huurder { bsn } ingangsdatum kaleHuurPerMaand }
  corporatieMeldingen { id soort datum omschrijving }
  woningcorporatieSignalen { id soort datum partner }
}`;

describe('Woningcorporatie subgraph', () => {
  it('classifies every Persoon and Adres field it serves', async () => {
    const sdl = await servedSdl(woningcorporatie);
    expect(unclassifiedSubjectFields(sdl)).toEqual([]);
    expect(subjectClassifications('woningcorporatie', sdl)).toEqual({
      'Adres.adresId': { tier: 'low', purposes: CORPORATIE_PURPOSES },
      'Adres.huurcontract': { tier: 'identifying', purposes: CORPORATIE_PURPOSES, minimised: 'exists' },
      'Adres.corporatieMeldingen': { tier: 'low', purposes: CORPORATIE_PURPOSES },
      'Adres.woningcorporatieSignalen': { tier: 'low', purposes: CORPORATIE_PURPOSES },
      'Persoon.bsn': { tier: 'identifying', purposes: CORPORATIE_PURPOSES, minimised: 'masked-bsn' },
    });
  });

  it('gives the tenancy, the report and the signal at the rented-out family home (scenario 1)', async () => {
    expect(await entities(woningcorporatie, 'Adres', [SCENARIO_ADRES.gezinswoning], ADRES_SELECTION)).toEqual({
      data: {
        _entities: [
          {
            adresId: SCENARIO_ADRES.gezinswoning,
            huurcontract: { corporatie: 'Woonstichting Doelstad', huurder: { bsn: SCENARIO_BSN.esmeeVerhoeven }, ingangsdatum: '2019-08-01', kaleHuurPerMaand: 640 },
            corporatieMeldingen: [
              { id: 'WC-M-9001', soort: 'overlast', datum: '2026-03-02', omschrijving: 'Neighbours report noise and many different men entering and leaving the dwelling.' },
            ],
            woningcorporatieSignalen: [{ id: 'SIG-9001', soort: 'overlast', datum: '2026-03-02', partner: 'woningcorporatie' }],
          },
        ],
      },
    });
  });

  it("gives Sanne Jansen's tenancy (scenario 2) and the vacant dwelling's signal without a tenancy", async () => {
    expect(await entities(woningcorporatie, 'Adres', [SCENARIO_ADRES.gezinJansen, SCENARIO_ADRES.leegstaand], ADRES_SELECTION)).toEqual({
      data: {
        _entities: [
          {
            adresId: SCENARIO_ADRES.gezinJansen,
            huurcontract: { corporatie: 'Maasoever Wonen', huurder: { bsn: SCENARIO_BSN.sanneJansen }, ingangsdatum: '2016-03-01', kaleHuurPerMaand: 705 },
            corporatieMeldingen: [],
            woningcorporatieSignalen: [],
          },
          {
            adresId: SCENARIO_ADRES.leegstaand,
            huurcontract: null,
            corporatieMeldingen: [],
            woningcorporatieSignalen: [{ id: 'SIG-9028', soort: 'leegstand', datum: '2026-05-26', partner: 'woningcorporatie' }],
          },
        ],
      },
    });
  });

  it('answers null and empty lists for an unknown address, and a bare reference for a person', async () => {
    const fixtureCorporatie = createWoningcorporatieSubgraph(fixtureWorld);
    expect(await entities(fixtureCorporatie, 'Adres', [GEEN_ADRES], ADRES_SELECTION)).toEqual({
      data: { _entities: [{ adresId: GEEN_ADRES, huurcontract: null, corporatieMeldingen: [], woningcorporatieSignalen: [] }] },
    });
    expect(await entities(fixtureCorporatie, 'Persoon', [NIEMAND], '{ bsn }')).toEqual({ data: { _entities: [{ bsn: NIEMAND }] } });
  });

  it('composes with BRP and BAG', () => {
    expect(composeWithRegisters(world, woningcorporatie)).toMatchObject({ ok: true });
  });
});
