import { describe, expect, it } from 'vitest';
import { createSocialeDienstSubgraph } from '../../subgraphs/sociale-dienst/index.ts';
import { SCENARIO_ADRES, SCENARIO_BSN, defaultWorld } from '../../subgraphs/world/index.ts';
import { ANNA, GEEN_ADRES, KERKSTRAAT_12, NIEMAND, fixtureWorld } from './fixture.ts';
import { composeWithRegisters, entities, servedSdl, subjectClassifications, unclassifiedSubjectFields } from './partner-checks.ts';

const world = defaultWorld();
const socialeDienst = createSocialeDienstSubgraph(world);
const BIJSTAND_SELECTION = '{ bsn bijstand { regeling bedragPerMaand normType aantalKostendelers ingangsdatum einddatum } risicoscore { kleur berekendOp } }';

describe('sociale-dienst subgraph', () => {
  it('classifies every Persoon and Adres field it serves', async () => {
    const sdl = await servedSdl(socialeDienst);
    expect(unclassifiedSubjectFields(sdl)).toEqual([]);
    expect(subjectClassifications('sociale-dienst', sdl)).toEqual({
      'Persoon.bsn': { tier: 'identifying', purposes: ['uitkeringsfraude', 'adreskwaliteit', 'hulpverlening'], minimised: 'masked-bsn' },
      'Persoon.bijstand': { tier: 'financial', purposes: ['uitkeringsfraude', 'adreskwaliteit', 'hulpverlening'], minimised: 'count' },
      'Persoon.risicoscore': { tier: 'financial', purposes: ['uitkeringsfraude'] },
      'Adres.adresId': { tier: 'low', purposes: ['uitkeringsfraude', 'adreskwaliteit'] },
      'Adres.burgermeldingen': { tier: 'identifying', purposes: ['uitkeringsfraude', 'adreskwaliteit'], minimised: 'count' },
      'Adres.socialeDienstSignalen': { tier: 'low', purposes: ['uitkeringsfraude', 'adreskwaliteit'] },
    });
  });

  it('says in the schema that a risk score is a signal, never a suspicion', async () => {
    expect(await servedSdl(socialeDienst)).toContain('A risk score is a signal to look, never a');
  });

  it('gives the social assistance and risk scores of the desk-research scenario', async () => {
    const { ahmetKaya, patrickVisser, zeynepKaya } = SCENARIO_BSN;
    expect(await entities(socialeDienst, 'Persoon', [patrickVisser, ahmetKaya, zeynepKaya], BIJSTAND_SELECTION)).toEqual({
      data: {
        _entities: [
          {
            bsn: patrickVisser,
            bijstand: [
              { regeling: 'Participatiewet', bedragPerMaand: 1401, normType: 'alleenstaande', aantalKostendelers: 1, ingangsdatum: '2023-03-01', einddatum: null },
            ],
            risicoscore: { kleur: 'rood', berekendOp: '2026-01-15' },
          },
          {
            bsn: ahmetKaya,
            bijstand: [
              { regeling: 'Participatiewet', bedragPerMaand: 2001, normType: 'gehuwden', aantalKostendelers: 2, ingangsdatum: '2020-02-01', einddatum: null },
            ],
            risicoscore: { kleur: 'groen', berekendOp: '2026-01-15' },
          },
          { bsn: zeynepKaya, bijstand: [], risicoscore: null },
        ],
      },
    });
  });

  it("gives Jeroen Smit's and Ronald Wouters' assistance with one cost-sharer", async () => {
    const result = await entities(socialeDienst, 'Persoon', [SCENARIO_BSN.jeroenSmit, SCENARIO_BSN.ronaldWouters], '{ bijstand { bedragPerMaand normType aantalKostendelers ingangsdatum } }');
    expect(result.data?._entities).toEqual([
      { bijstand: [{ bedragPerMaand: 1401, normType: 'alleenstaande', aantalKostendelers: 1, ingangsdatum: '2022-10-01' }] },
      { bijstand: [{ bedragPerMaand: 1401, normType: 'alleenstaande', aantalKostendelers: 1, ingangsdatum: '2024-11-01' }] },
    ]);
  });

  it('gives the citizens\' reports and its own signals on the planted addresses', async () => {
    const result = await entities(
      socialeDienst,
      'Adres',
      [SCENARIO_ADRES.gesplitsteWoning, SCENARIO_ADRES.bureauVisser, SCENARIO_ADRES.bureauKok],
      '{ adresId burgermeldingen { id datum omschrijving } socialeDienstSignalen { id soort datum partner } }',
    );
    expect(result).toEqual({
      data: {
        _entities: [
          {
            adresId: SCENARIO_ADRES.gesplitsteWoning,
            burgermeldingen: [{ id: 'SD-M-9001', datum: '2026-04-07', omschrijving: 'A citizen reports that the house has been split into four flats with separate doorbells.' }],
            socialeDienstSignalen: [{ id: 'SIG-9004', soort: 'burgermelding', datum: '2026-04-07', partner: 'sociale-dienst' }],
          },
          {
            adresId: SCENARIO_ADRES.bureauVisser,
            burgermeldingen: [],
            socialeDienstSignalen: [{ id: 'SIG-9018', soort: 'risicoscore-rood', datum: '2026-01-15', partner: 'sociale-dienst' }],
          },
          {
            adresId: SCENARIO_ADRES.bureauKok,
            burgermeldingen: [{ id: 'SD-M-9002', datum: '2026-04-02', omschrijving: 'A citizen reports that a resident on benefits runs a business from home.' }],
            socialeDienstSignalen: [{ id: 'SIG-9021', soort: 'burgermelding', datum: '2026-04-02', partner: 'sociale-dienst' }],
          },
        ],
      },
    });
  });

  it('gives the most recent of several risk scores', async () => {
    const fixture = createSocialeDienstSubgraph(fixtureWorld);
    expect((await entities(fixture, 'Persoon', [ANNA], '{ risicoscore { kleur berekendOp } }')).data?._entities).toEqual([
      { risicoscore: { kleur: 'rood', berekendOp: '2026-03-01' } },
    ]);
    expect((await entities(fixture, 'Adres', [KERKSTRAAT_12], '{ socialeDienstSignalen { id } }')).data?._entities).toEqual([
      { socialeDienstSignalen: [{ id: 'SIG-03' }] },
    ]);
  });

  it('answers empty lists and null for an unknown person or address', async () => {
    expect(await entities(createSocialeDienstSubgraph(fixtureWorld), 'Persoon', [NIEMAND], BIJSTAND_SELECTION)).toEqual({
      data: { _entities: [{ bsn: NIEMAND, bijstand: [], risicoscore: null }] },
    });
    expect(await entities(createSocialeDienstSubgraph(fixtureWorld), 'Adres', [GEEN_ADRES], '{ adresId burgermeldingen { id } socialeDienstSignalen { id } }')).toEqual({
      data: { _entities: [{ adresId: GEEN_ADRES, burgermeldingen: [], socialeDienstSignalen: [] }] },
    });
  });

  it('composes with BRP and BAG', () => {
    expect(composeWithRegisters(world, socialeDienst)).toMatchObject({ ok: true });
  });
});
