import { describe, expect, it } from 'vitest';
import { createBelastingdienstSubgraph } from '../../subgraphs/belastingdienst/index.ts';
import { SCENARIO_ADRES, SCENARIO_BSN, defaultWorld } from '../../subgraphs/world/index.ts';
import { GEEN_ADRES, KERKSTRAAT_12, NIEMAND, fixtureWorld } from './fixture.ts';
import { composeWithRegisters, entities, servedSdl, subjectClassifications, unclassifiedSubjectFields } from './partner-checks.ts';

const world = defaultWorld();
const belastingdienst = createBelastingdienstSubgraph(world);
const SELECTION = '{ bsn toeslagen { soort jaar jaarbedrag } inkomens { jaar verzamelinkomen vermogen } }';

describe('belastingdienst subgraph', () => {
  it('classifies every Persoon and Adres field it serves', async () => {
    const sdl = await servedSdl(belastingdienst);
    expect(unclassifiedSubjectFields(sdl)).toEqual([]);
    expect(subjectClassifications('belastingdienst', sdl)).toEqual({
      'Persoon.bsn': { tier: 'identifying', purposes: ['uitkeringsfraude', 'adreskwaliteit', 'woonfraude', 'arbeidsuitbuiting'], minimised: 'masked-bsn' },
      'Persoon.toeslagen': { tier: 'financial', purposes: ['uitkeringsfraude', 'adreskwaliteit', 'woonfraude'], minimised: 'count' },
      'Persoon.inkomens': { tier: 'financial', purposes: ['uitkeringsfraude', 'woonfraude', 'arbeidsuitbuiting'], minimised: 'count' },
      'Adres.adresId': { tier: 'low', purposes: ['uitkeringsfraude', 'adreskwaliteit', 'woonfraude', 'arbeidsuitbuiting'] },
      'Adres.belastingdienstSignalen': { tier: 'low', purposes: ['uitkeringsfraude', 'adreskwaliteit', 'woonfraude'] },
    });
  });

  it("gives Esmee Verhoeven's allowances and income, and those of the men living at her address", async () => {
    const { esmeeVerhoeven, piotrNowak, dennisKraaijeveld } = SCENARIO_BSN;
    expect(await entities(belastingdienst, 'Persoon', [esmeeVerhoeven, piotrNowak, dennisKraaijeveld], SELECTION)).toEqual({
      data: {
        _entities: [
          {
            bsn: esmeeVerhoeven,
            toeslagen: [
              { soort: 'zorgtoeslag', jaar: 2026, jaarbedrag: 1500 },
              { soort: 'kindgebonden-budget', jaar: 2026, jaarbedrag: 4082 },
              { soort: 'huurtoeslag', jaar: 2026, jaarbedrag: 2842 },
            ],
            inkomens: [{ jaar: 2025, verzamelinkomen: 14256, vermogen: 1200 }],
          },
          { bsn: piotrNowak, toeslagen: [], inkomens: [{ jaar: 2025, verzamelinkomen: 0, vermogen: 0 }] },
          { bsn: dennisKraaijeveld, toeslagen: [], inkomens: [{ jaar: 2025, verzamelinkomen: 58000, vermogen: 85000 }] },
        ],
      },
    });
  });

  it('gives the allowances of scenario 2 and the owner of the three buildings', async () => {
    const { fatmaYilmaz, sanneJansen, markDeGroot, hendrikSchouten } = SCENARIO_BSN;
    const result = await entities(belastingdienst, 'Persoon', [fatmaYilmaz, sanneJansen, markDeGroot, hendrikSchouten], '{ toeslagen { soort jaarbedrag } inkomens { verzamelinkomen vermogen } }');
    expect(result.data?._entities).toEqual([
      {
        toeslagen: [
          { soort: 'zorgtoeslag', jaarbedrag: 1380 },
          { soort: 'kindgebonden-budget', jaarbedrag: 4700 },
        ],
        inkomens: [{ verzamelinkomen: 21384, vermogen: 1500 }],
      },
      {
        toeslagen: [
          { soort: 'zorgtoeslag', jaarbedrag: 1500 },
          { soort: 'huurtoeslag', jaarbedrag: 3120 },
          { soort: 'kindgebonden-budget', jaarbedrag: 4250 },
        ],
        inkomens: [{ verzamelinkomen: 12960, vermogen: 2500 }],
      },
      { toeslagen: [], inkomens: [{ verzamelinkomen: 50544, vermogen: 12000 }] },
      { toeslagen: [], inkomens: [{ verzamelinkomen: 96000, vermogen: 1250000 }] },
    ]);
  });

  it('gives its own signals on an address', async () => {
    const result = await entities(belastingdienst, 'Adres', [SCENARIO_ADRES.gezinswoning, SCENARIO_ADRES.gezinJansen], '{ adresId belastingdienstSignalen { id soort datum partner } }');
    expect(result.data?._entities).toEqual([
      { adresId: SCENARIO_ADRES.gezinswoning, belastingdienstSignalen: [{ id: 'SIG-9002', soort: 'toeslagen-afwijkend', datum: '2026-06-15', partner: 'belastingdienst' }] },
      { adresId: SCENARIO_ADRES.gezinJansen, belastingdienstSignalen: [{ id: 'SIG-9015', soort: 'toeslagen-afwijkend', datum: '2026-06-03', partner: 'belastingdienst' }] },
    ]);
    const fixture = createBelastingdienstSubgraph(fixtureWorld);
    expect((await entities(fixture, 'Adres', [KERKSTRAAT_12], '{ belastingdienstSignalen { id } }')).data?._entities).toEqual([{ belastingdienstSignalen: [{ id: 'SIG-05' }] }]);
  });

  it('answers empty lists for an unknown person or address', async () => {
    expect(await entities(createBelastingdienstSubgraph(fixtureWorld), 'Persoon', [NIEMAND], SELECTION)).toEqual({ data: { _entities: [{ bsn: NIEMAND, toeslagen: [], inkomens: [] }] } });
    expect(await entities(createBelastingdienstSubgraph(fixtureWorld), 'Adres', [GEEN_ADRES], '{ adresId belastingdienstSignalen { id } }')).toEqual({
      data: { _entities: [{ adresId: GEEN_ADRES, belastingdienstSignalen: [] }] },
    });
  });

  it('composes with BRP and BAG', () => {
    expect(composeWithRegisters(world, belastingdienst)).toMatchObject({ ok: true });
  });
});
