/**
 * Scenario 4, help, not only enforcement (BRIEF §6.4, docs/scenarios.md): Meidoornweg 27,
 * 9999200000900013, Gerda Wouters (999990317) and her son Ronald (999990329). Care data reaches
 * only a care role acting for help; enforcement never gets it.
 *
 * With the shipped policy the address cannot be selected (its second signal comes from the
 * Inlichtingenbureau, which does not take part in wijkaanpak-2026), so even the care worker gets no
 * care trajectories, and the covenant gives the wijkteam no legal basis towards any enforcement
 * organisation, so the enforcement analyst does not even learn that a referral exists. Both are
 * asserted here as the product behaves; what the brief expects is in
 * pending-scenario-3-4-participants.test.ts.
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

  it('the coordinator cannot select Meidoornweg 27: only the police signal counts', async () => {
    const coordinator = await p.token('coordinator', 'sociale-dienst');
    const { body } = await p.query(
      coordinator,
      'hulpverlening',
      `mutation { selecteerAdres(project: "${PROJECT}", adresId: "${ADRES}", reden: "A neighbour is worried about the elderly resident.") { id } }`,
    );
    expect(body.data).toBeNull();
    expect(body.errors).toEqual([
      {
        message: "project: Selection needs signals from at least 2 participating partners; this address has 1 (politie). Select it only when another partner's signal overlaps.",
        locations: [{ line: 1, column: 12 }],
        path: ['selecteerAdres'],
        extensions: { partnerCode: 'BELOW_SELECTION_THRESHOLD', code: 'SUBGRAPH_ERROR', serviceName: 'project' },
      },
    ]);
  });

  it('the care worker (wijkteam, hulpverlening) sees that a referral exists; the trajectories need a selected address', async () => {
    const { body } = await p.query(zorgverlener, 'hulpverlening', CARE);
    expect(body.data).toEqual({ persoon: { heeftZorgverwijzing: true, zorgtrajecten: null } });
    expect(denials(body)).toEqual([{ path: 'persoon.zorgtrajecten', code: 'FIELD_DENIED', principle: 'dragnet', rule: 'dragnet.no-selection' }]);
  });

  it('the enforcement analyst on the same project never gets the care data (doelbinding.care-only), nor, under the shipped covenant, the referral', async () => {
    const analist = await p.token('analist', 'sociale-dienst');
    const { body } = await p.query(analist, 'uitkeringsfraude', CARE);
    expect(body.data).toEqual({ persoon: { heeftZorgverwijzing: null, zorgtrajecten: null } });
    expect(denials(body)).toEqual([
      { path: 'persoon.heeftZorgverwijzing', code: 'FIELD_DENIED', principle: 'doelbinding', rule: 'doelbinding.legal-basis' },
      { path: 'persoon.zorgtrajecten', code: 'FIELD_DENIED', principle: 'doelbinding', rule: 'doelbinding.care-only' },
    ]);
    expect(body.errors![1]!.extensions!['reason']).toBe(
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
