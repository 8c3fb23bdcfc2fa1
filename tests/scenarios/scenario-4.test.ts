/**
 * Scenario 4, help, not only enforcement (BRIEF §6.4, docs/scenarios.md): Meidoornweg 27,
 * 9999200000900013, Gerda Wouters (999990317) and her son Ronald (999990329). Care data reaches
 * only a care role acting for help; enforcement never gets it.
 * The enforcement analyst on the same project learns only that a referral exists (the covenant lets
 * the wijkteam say that much to enforcement partners, never more).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { denials, PROJECT, startProduct, type Product } from '../helpers/product.ts';

const ADRES = '9999200000900013';
const GERDA = '999990317';
const CARE = `{ persoon(bsn: "${GERDA}") { heeftZorgverwijzing zorgtrajecten { soort ondersteuningsbehoefte startdatum einddatum } } }`;

describe('scenario 4: help, not only enforcement', () => {
  let p: Product;
  let zorgverlener: string;

  beforeAll(async () => {
    p = await startProduct();
    zorgverlener = await p.token('zorgverlener', 'wijkteam');
  });
  afterAll(async () => {
    await p?.stop();
    await p?.cleanup();
  });

  it('before selection the care worker learns neither that a referral exists nor the trajectories: both need a selected address', async () => {
    const { body } = await p.query(zorgverlener, 'hulpverlening', CARE);
    expect(body.data).toEqual({ persoon: { heeftZorgverwijzing: null, zorgtrajecten: null } });
    expect(denials(body)).toEqual([
      { path: 'persoon.heeftZorgverwijzing', code: 'FIELD_DENIED', principle: 'subject', rule: 'subject.withheld' },
      { path: 'persoon.zorgtrajecten', code: 'FIELD_DENIED', principle: 'subject', rule: 'subject.withheld' },
    ]);
  });

  it('the coordinator selects Meidoornweg 27 (police and Inlichtingenbureau signals overlap)', async () => {
    const coordinator = await p.token('coordinator', 'sociale-dienst');
    const { body } = await p.query(
      coordinator,
      'hulpverlening',
      `mutation { selecteerAdres(project: "${PROJECT}", adresId: "${ADRES}", reden: "A neighbour is worried about the elderly resident.") { id } }`,
    );
    expect(body.errors).toBeUndefined();
  });

  it('after identifying her, the care worker sees Gerda’s care trajectory', async () => {
    await p.query(zorgverlener, 'hulpverlening', `{ adres(adresId: "${ADRES}") { bewoners { bsn naam { voornamen } } } }`);
    const { body } = await p.query(zorgverlener, 'hulpverlening', CARE);
    expect(body).toEqual({
      data: {
        persoon: {
          heeftZorgverwijzing: true,
          zorgtrajecten: [
            { soort: 'wmo-begeleiding', ondersteuningsbehoefte: 'Support with daily living, medication and finances; early signs of dementia.', startdatum: '2026-07-01', einddatum: null },
          ],
        },
      },
    });
  });

  it('the enforcement analyst on the same project sees that a referral exists, never the care data (doelbinding.care-only)', async () => {
    const analist = await p.token('analist', 'sociale-dienst');
    const { body } = await p.query(analist, 'uitkeringsfraude', CARE);
    expect(body.data).toEqual({ persoon: { heeftZorgverwijzing: true, zorgtrajecten: null } });
    expect(denials(body)).toEqual([{ path: 'persoon.zorgtrajecten', code: 'FIELD_DENIED', principle: 'doelbinding', rule: 'doelbinding.care-only' }]);
    expect(body.errors![0]!.extensions!['reason']).toBe(
      'Persoon.zorgtrajecten is care data: it serves only help (purpose "hulpverlening") by a care role ("zorgverlener"), never enforcement',
    );
  });

  it('a coordinator acting for help is no care role: the referral, not the care data', async () => {
    const coordinator = await p.token('coordinator', 'sociale-dienst');
    const { body } = await p.query(coordinator, 'hulpverlening', CARE);
    expect(body.data).toEqual({ persoon: { heeftZorgverwijzing: true, zorgtrajecten: null } });
    expect(denials(body)).toEqual([{ path: 'persoon.zorgtrajecten', code: 'FIELD_DENIED', principle: 'doelbinding', rule: 'doelbinding.care-only' }]);
  });

  it('a care worker asking with an enforcement purpose is refused on every field (context.role-purpose)', async () => {
    const { body } = await p.query(zorgverlener, 'uitkeringsfraude', CARE);
    expect(body.data).toEqual({ persoon: { heeftZorgverwijzing: null, zorgtrajecten: null } });
    expect(denials(body)).toEqual([
      { path: 'persoon.heeftZorgverwijzing', code: 'FIELD_DENIED', principle: 'context', rule: 'context.role-purpose' },
      { path: 'persoon.zorgtrajecten', code: 'FIELD_DENIED', principle: 'context', rule: 'context.role-purpose' },
    ]);
    expect(body.errors![0]!.extensions!['reason']).toBe(
      'none of your roles ("zorgverlener") may act for purpose "uitkeringsfraude"; roles that may: "analist", "handhaver", "coordinator"',
    );
  });
});
