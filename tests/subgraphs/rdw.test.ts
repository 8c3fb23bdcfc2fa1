import { describe, expect, it } from 'vitest';
import { createRdwSubgraph } from '../../subgraphs/rdw/index.ts';
import { SCENARIO_ADRES, SCENARIO_BSN, defaultWorld } from '../../subgraphs/world/index.ts';
import { BRAM, KERKSTRAAT_12, NIEMAND, fixtureWorld } from './fixture.ts';
import { composeWithRegisters, entities, servedSdl, subjectClassifications, unclassifiedSubjectFields } from './partner-checks.ts';

const world = defaultWorld();
const rdw = createRdwSubgraph(world);
const RDW_PURPOSES = ['uitkeringsfraude'];
const VOERTUIG = '{ kenteken merk handelsbenaming datumTenaamstelling cataloguswaarde }';

describe('RDW subgraph', () => {
  it('classifies every Persoon and Adres field it serves, vehicles as financial data', async () => {
    const sdl = await servedSdl(rdw);
    expect(unclassifiedSubjectFields(sdl)).toEqual([]);
    expect(subjectClassifications('rdw', sdl)).toEqual({
      'Persoon.bsn': { tier: 'identifying', purposes: RDW_PURPOSES, minimised: 'masked-bsn' },
      'Persoon.voertuigen': { tier: 'financial', purposes: RDW_PURPOSES, minimised: 'count' },
      'Adres.adresId': { tier: 'low', purposes: RDW_PURPOSES },
      'Adres.rdwSignalen': { tier: 'low', purposes: RDW_PURPOSES },
    });
  });

  it('gives the planted vehicles of Dennis Kraaijeveld (scenario 1) and Mark de Groot (scenario 2)', async () => {
    expect(await entities(rdw, 'Persoon', [SCENARIO_BSN.dennisKraaijeveld, SCENARIO_BSN.markDeGroot, SCENARIO_BSN.esmeeVerhoeven], `{ bsn voertuigen ${VOERTUIG} }`)).toEqual({
      data: {
        _entities: [
          {
            bsn: SCENARIO_BSN.dennisKraaijeveld,
            voertuigen: [{ kenteken: 'ZB-017-K', merk: 'MERCEDES-BENZ', handelsbenaming: 'C 200', datumTenaamstelling: '2025-03-14', cataloguswaarde: 55000 }],
          },
          {
            bsn: SCENARIO_BSN.markDeGroot,
            voertuigen: [{ kenteken: 'HX-042-N', merk: 'VOLKSWAGEN', handelsbenaming: 'GOLF', datumTenaamstelling: '2021-09-02', cataloguswaarde: 28000 }],
          },
          { bsn: SCENARIO_BSN.esmeeVerhoeven, voertuigen: [] },
        ],
      },
    });
  });

  it('gives its own signals on an address and none of the other partners', async () => {
    const fixtureRdw = createRdwSubgraph(fixtureWorld);
    expect(await entities(fixtureRdw, 'Adres', [KERKSTRAAT_12], '{ rdwSignalen { id soort datum partner } }')).toEqual({
      data: { _entities: [{ rdwSignalen: [{ id: 'SIG-11', soort: 'bedrijfsvoertuigen', datum: '2026-05-18', partner: 'rdw' }] }] },
    });
    expect(await entities(fixtureRdw, 'Persoon', [BRAM], `{ voertuigen ${VOERTUIG} }`)).toEqual({
      data: {
        _entities: [
          { voertuigen: [{ kenteken: 'VX-123-B', merk: 'Volkswagen', handelsbenaming: 'Transporter', datumTenaamstelling: '2024-02-01', cataloguswaarde: 42000 }] },
        ],
      },
    });
  });

  it('answers empty lists for an unknown person or address', async () => {
    // NIEMAND is nobody in the fixture world (the default world has a resident with that BSN).
    expect(await entities(createRdwSubgraph(fixtureWorld), 'Persoon', [NIEMAND], '{ bsn voertuigen { kenteken } }')).toEqual({
      data: { _entities: [{ bsn: NIEMAND, voertuigen: [] }] },
    });
    expect(await entities(rdw, 'Adres', [SCENARIO_ADRES.gezinswoning], '{ adresId rdwSignalen { id } }')).toEqual({
      data: { _entities: [{ adresId: SCENARIO_ADRES.gezinswoning, rdwSignalen: [] }] },
    });
  });

  it('composes with BRP and BAG', () => {
    expect(composeWithRegisters(world, rdw)).toMatchObject({ ok: true });
  });
});
