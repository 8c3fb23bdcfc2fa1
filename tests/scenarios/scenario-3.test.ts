/**
 * Scenario 3, the desk research (BRIEF §6.3, docs/scenarios.md): on Lindelaan the social service's
 * assistance, UWV's employment and the Belastingdienst's income, side by side, for a social-service
 * analyst. Every Lindelaan address has signals from two participating partners (the
 * Inlichtingenbureau takes part in wijkaanpak-2026), so the coordinator selects all four.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { denials, PROJECT, startProduct, type Product } from '../helpers/product.ts';

const LINDELAAN = { 3: '9999200000900009', 7: '9999200000900010', 11: '9999200000900011', 15: '9999200000900012' } as const;

const select = (adresId: string) =>
  `mutation { selecteerAdres(project: "${PROJECT}", adresId: "${adresId}", reden: "Overlapping signals of two partners on this address.") { id } }`;
const IDENTIFY = (adresId: string) => `{ adres(adresId: "${adresId}") { bewoners { bsn naam { voornamen geslachtsnaam } } } }`;
const DESK = (adresId: string) => `{ adres(adresId: "${adresId}") { straat huisnummer bewoners { bsn
  bijstand { bedragPerMaand normType aantalKostendelers ingangsdatum einddatum }
  risicoscore { kleur berekendOp }
  dienstverbanden { werkgeverNaam startdatum einddatum loonPerMaand urenPerWeek }
  inkomens { jaar verzamelinkomen vermogen } } } }`;

describe('scenario 3: the desk research', () => {
  let p: Product;
  let coordinator: string;
  let analist: string;

  beforeAll(async () => {
    p = await startProduct();
    coordinator = await p.token('coordinator', 'sociale-dienst');
    analist = await p.token('analist', 'sociale-dienst');
  });
  afterAll(async () => {
    await p?.stop();
    await p?.cleanup();
  });

  it('the coordinator selects all four Lindelaan addresses (two participating partners each)', async () => {
    for (const adresId of Object.values(LINDELAAN)) {
      const { body } = await p.query(coordinator, 'uitkeringsfraude', select(adresId));
      expect(body.errors).toBeUndefined();
      expect((body.data as { selecteerAdres: { id: string } }).selecteerAdres.id).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('the residents are identified first (subsidiarity: identifying before financial)', async () => {
    expect((await p.query(analist, 'uitkeringsfraude', IDENTIFY(LINDELAAN[3]))).body).toEqual({
      data: { adres: { bewoners: [{ bsn: '999990263', naam: { voornamen: 'Patrick', geslachtsnaam: 'Visser' } }] } },
    });
    expect((await p.query(analist, 'uitkeringsfraude', IDENTIFY(LINDELAAN[15]))).body).toEqual({
      data: { adres: { bewoners: [{ bsn: '999990305', naam: { voornamen: 'Ingrid', geslachtsnaam: 'Hendriks' } }] } },
    });
  });

  it('Lindelaan 3 disagrees: assistance since 2023 alongside a job at Lindeboom since 2025-09-01 (a red risk score is only a signal)', async () => {
    const { body } = await p.query(analist, 'uitkeringsfraude', DESK(LINDELAAN[3]));
    expect(body).toEqual({
      data: {
        adres: {
          straat: 'Lindelaan',
          huisnummer: 3,
          bewoners: [
            {
              bsn: '999990263',
              bijstand: [{ bedragPerMaand: 1401, normType: 'alleenstaande', aantalKostendelers: 1, ingangsdatum: '2023-03-01', einddatum: null }],
              risicoscore: { kleur: 'rood', berekendOp: '2026-01-15' },
              dienstverbanden: [{ werkgeverNaam: 'Bouwbedrijf Lindeboom B.V.', startdatum: '2025-09-01', einddatum: null, loonPerMaand: 2650, urenPerWeek: 40 }],
              inkomens: [{ jaar: 2025, verzamelinkomen: 22656, vermogen: 1000 }],
            },
          ],
        },
      },
    });
  });

  it('Lindelaan 15 agrees: assistance since 2024-06-01, the job ended 2024-05-31, 2025 income equals twelve months of assistance', async () => {
    const { body } = await p.query(analist, 'uitkeringsfraude', DESK(LINDELAAN[15]));
    expect(body).toEqual({
      data: {
        adres: {
          straat: 'Lindelaan',
          huisnummer: 15,
          bewoners: [
            {
              bsn: '999990305',
              bijstand: [{ bedragPerMaand: 1401, normType: 'alleenstaande', aantalKostendelers: 1, ingangsdatum: '2024-06-01', einddatum: null }],
              risicoscore: { kleur: 'groen', berekendOp: '2026-01-15' },
              dienstverbanden: [{ werkgeverNaam: 'Bouwbedrijf Lindeboom B.V.', startdatum: '2014-03-01', einddatum: '2024-05-31', loonPerMaand: 2400, urenPerWeek: 32 }],
              inkomens: [{ jaar: 2025, verzamelinkomen: 16812, vermogen: 2000 }],
            },
          ],
        },
      },
    });
  });

  it('Lindelaan 7 and 11 disagree too: income the social service does not know, a partner’s job not reported', async () => {
    for (const adresId of [LINDELAAN[7], LINDELAAN[11]]) {
      expect((await p.query(analist, 'uitkeringsfraude', IDENTIFY(adresId))).body.errors).toBeUndefined();
    }
    const kok = (await p.query(analist, 'uitkeringsfraude', DESK(LINDELAAN[7]))).body;
    expect(kok.errors).toBeUndefined();
    type Bewoner = { bsn: string; bijstand: { bedragPerMaand: number; ingangsdatum: string }[]; dienstverbanden: { werkgeverNaam: string; startdatum: string; loonPerMaand: number }[]; inkomens: { verzamelinkomen: number }[] };
    const bewonersOf = (body: { data?: Record<string, unknown> | null }) => (body.data as { adres: { bewoners: Bewoner[] } }).adres.bewoners;
    const [yvonne] = bewonersOf(kok) as [Bewoner];
    expect(yvonne.bsn).toBe('999990275');
    expect(yvonne.bijstand.map((b) => [b.bedragPerMaand, b.ingangsdatum])).toEqual([[1401, '2021-10-01']]);
    expect(yvonne.dienstverbanden).toEqual([]);
    expect(yvonne.inkomens.map((i) => i.verzamelinkomen)).toContain(31712);

    const kaya = (await p.query(analist, 'uitkeringsfraude', DESK(LINDELAAN[11]))).body;
    expect(kaya.errors).toBeUndefined();
    const byBsn = new Map(bewonersOf(kaya).map((b) => [b.bsn, b]));
    const ahmet = byBsn.get('999990287')!;
    const zeynep = byBsn.get('999990299')!;
    expect(ahmet.bijstand.map((b) => [b.bedragPerMaand, b.ingangsdatum])).toEqual([[2001, '2020-02-01']]);
    expect(zeynep.dienstverbanden.map((d) => [d.werkgeverNaam, d.startdatum, d.loonPerMaand])).toEqual([['Schoonmaakbedrijf Helder B.V.', '2026-01-15', 1850]]);
  });
});
