import { execute, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createArbeidsinspectieSubgraph } from '../../subgraphs/arbeidsinspectie/index.ts';
import { SCENARIO_ADRES, SCENARIO_BSN, SCENARIO_WERKGEVER, defaultWorld } from '../../subgraphs/world/index.ts';
import { EMIL, GEEN_ADRES, KERKSTRAAT_12, NIEMAND, W_VAN_DALEN, fixtureWorld } from './fixture.ts';
import { composeWithRegisters, entities, servedSdl, subjectClassifications, unclassifiedSubjectFields } from './partner-checks.ts';

const world = defaultWorld();
const arbeidsinspectie = createArbeidsinspectieSubgraph(world);
const { kraaijeveldLogistiek, flexwerkMaasland } = SCENARIO_WERKGEVER;
const KRAAIJEVELD = { werkgeverId: kraaijeveldLogistiek, naam: 'Kraaijeveld Logistiek B.V.', kvkNummer: '99990001', eigenaar: { bsn: SCENARIO_BSN.dennisKraaijeveld } };
const FLEXWERK = { werkgeverId: flexwerkMaasland, naam: 'Flexwerk Maasland B.V.', kvkNummer: '99990002', eigenaar: null };
const WERKGEVER_SELECTION = '{ werkgeverId naam kvkNummer eigenaar { bsn } }';

describe('arbeidsinspectie subgraph', () => {
  it('classifies every Persoon and Adres field it serves', async () => {
    const sdl = await servedSdl(arbeidsinspectie);
    expect(unclassifiedSubjectFields(sdl)).toEqual([]);
    expect(subjectClassifications('arbeidsinspectie', sdl)).toEqual({
      'Persoon.bsn': { tier: 'identifying', purposes: ['arbeidsuitbuiting'], minimised: 'masked-bsn' },
      'Persoon.loonbevindingen': { tier: 'financial', purposes: ['arbeidsuitbuiting'], minimised: 'count' },
      'Persoon.werkgevers': { tier: 'identifying', purposes: ['arbeidsuitbuiting'], minimised: 'count' },
      'Adres.adresId': { tier: 'low', purposes: ['arbeidsuitbuiting', 'woonfraude'] },
      'Adres.huisvestingArbeidsmigranten': { tier: 'identifying', purposes: ['arbeidsuitbuiting', 'woonfraude'], minimised: 'count' },
      'Adres.arbeidsinspectieSignalen': { tier: 'low', purposes: ['arbeidsuitbuiting', 'woonfraude'] },
    });
  });

  it('gives the housing of labour migrants and its signals on the planted addresses', async () => {
    const { gezinswoning, spookpand1, spookpand2, spookpand3, verborgenPaar } = SCENARIO_ADRES;
    const result = await entities(
      arbeidsinspectie,
      'Adres',
      [gezinswoning, spookpand1, spookpand2, spookpand3, verborgenPaar],
      `{ adresId huisvestingArbeidsmigranten { werkgever ${WERKGEVER_SELECTION} aantalPersonen vastgesteldOp } arbeidsinspectieSignalen { id soort datum partner } }`,
    );
    const signaal = (id: string) => ({ id, soort: 'huisvesting-arbeidsmigranten', datum: '2026-04-20', partner: 'arbeidsinspectie' });
    expect(result).toEqual({
      data: {
        _entities: [
          { adresId: gezinswoning, huisvestingArbeidsmigranten: [{ werkgever: KRAAIJEVELD, aantalPersonen: 6, vastgesteldOp: '2026-09-22' }], arbeidsinspectieSignalen: [] },
          { adresId: spookpand1, huisvestingArbeidsmigranten: [{ werkgever: FLEXWERK, aantalPersonen: 8, vastgesteldOp: '2026-04-20' }], arbeidsinspectieSignalen: [signaal('SIG-9006')] },
          { adresId: spookpand2, huisvestingArbeidsmigranten: [{ werkgever: FLEXWERK, aantalPersonen: 5, vastgesteldOp: '2026-04-20' }], arbeidsinspectieSignalen: [signaal('SIG-9008')] },
          { adresId: spookpand3, huisvestingArbeidsmigranten: [{ werkgever: FLEXWERK, aantalPersonen: 6, vastgesteldOp: '2026-04-20' }], arbeidsinspectieSignalen: [signaal('SIG-9010')] },
          { adresId: verborgenPaar, huisvestingArbeidsmigranten: [{ werkgever: FLEXWERK, aantalPersonen: 2, vastgesteldOp: '2026-04-20' }], arbeidsinspectieSignalen: [signaal('SIG-9013')] },
        ],
      },
    });
  });

  it("gives the six men's wage findings and the company Dennis Kraaijeveld owns", async () => {
    const { piotrNowak, florinDumitru, dennisKraaijeveld } = SCENARIO_BSN;
    const result = await entities(
      arbeidsinspectie,
      'Persoon',
      [piotrNowak, florinDumitru, dennisKraaijeveld],
      '{ bsn loonbevindingen { id werkgever { werkgeverId } datum betaaldUurloonCent minimumUurloonCent } werkgevers { werkgeverId naam } }',
    );
    const bevinding = (id: string) => ({ id, werkgever: { werkgeverId: kraaijeveldLogistiek }, datum: '2026-09-22', betaaldUurloonCent: 850, minimumUurloonCent: 1440 });
    expect(result).toEqual({
      data: {
        _entities: [
          { bsn: piotrNowak, loonbevindingen: [bevinding('NLA-L-9001')], werkgevers: [] },
          { bsn: florinDumitru, loonbevindingen: [bevinding('NLA-L-9006')], werkgevers: [] },
          { bsn: dennisKraaijeveld, loonbevindingen: [], werkgevers: [{ werkgeverId: kraaijeveldLogistiek, naam: 'Kraaijeveld Logistiek B.V.' }] },
        ],
      },
    });
  });

  it('resolves an employer by its key, and an unknown employer to nulls', async () => {
    const document = parse(`query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Werkgever ${WERKGEVER_SELECTION} } }`);
    const representations = [kraaijeveldLogistiek, flexwerkMaasland, '899990999L01'].map((werkgeverId) => ({ __typename: 'Werkgever', werkgeverId }));
    expect(await execute({ schema: arbeidsinspectie.schema, document, variableValues: { representations } })).toEqual({
      data: { _entities: [KRAAIJEVELD, FLEXWERK, { werkgeverId: '899990999L01', naam: null, kvkNummer: null, eigenaar: null }] },
    });
  });

  it('gives the fixture world its records', async () => {
    const fixture = createArbeidsinspectieSubgraph(fixtureWorld);
    expect((await entities(fixture, 'Persoon', [EMIL], '{ loonbevindingen { id betaaldUurloonCent } }')).data?._entities).toEqual([
      { loonbevindingen: [{ id: 'LB-0001', betaaldUurloonCent: 900 }] },
    ]);
    expect((await entities(fixture, 'Adres', [KERKSTRAAT_12], '{ huisvestingArbeidsmigranten { werkgever { werkgeverId } aantalPersonen } arbeidsinspectieSignalen { id } }')).data?._entities).toEqual([
      { huisvestingArbeidsmigranten: [{ werkgever: { werkgeverId: W_VAN_DALEN }, aantalPersonen: 6 }], arbeidsinspectieSignalen: [{ id: 'SIG-07' }] },
    ]);
  });

  it('answers empty lists for an unknown person or address', async () => {
    const fixture = createArbeidsinspectieSubgraph(fixtureWorld);
    expect(await entities(fixture, 'Persoon', [NIEMAND], '{ bsn loonbevindingen { id } werkgevers { werkgeverId } }')).toEqual({
      data: { _entities: [{ bsn: NIEMAND, loonbevindingen: [], werkgevers: [] }] },
    });
    expect(await entities(fixture, 'Adres', [GEEN_ADRES], '{ adresId huisvestingArbeidsmigranten { aantalPersonen } arbeidsinspectieSignalen { id } }')).toEqual({
      data: { _entities: [{ adresId: GEEN_ADRES, huisvestingArbeidsmigranten: [], arbeidsinspectieSignalen: [] }] },
    });
  });

  it('composes with BRP and BAG', () => {
    expect(composeWithRegisters(world, arbeidsinspectie)).toMatchObject({ ok: true });
  });
});
