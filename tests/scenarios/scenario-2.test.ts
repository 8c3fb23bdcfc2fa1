/**
 * Scenario 2, ghost and hidden residents (BRIEF §6.2, docs/scenarios.md): the split dwelling, the
 * buildings empty in the BRP that house labour migrants, the hidden couple, and the difference
 * between an address where nobody lives and a resident under the BRP secrecy flag.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { denials, PROJECT, startProduct, type Product } from '../helpers/product.ts';
import { withheldReason } from '../policy/fixtures.ts';

const SPLIT = '9999200000900002';
const SCHOUTEN = ['9999200000900003', '9999200000900004', '9999200000900005'] as const;
const HIDDEN_COUPLE = '9999200000900006';
const EMPTY = '9999200000900014';

const select = (adresId: string) =>
  `mutation { selecteerAdres(project: "${PROJECT}", adresId: "${adresId}", reden: "Signals of two or more partners overlap on this address.") { id } }`;

const SPLIT_QUERY = `{ adres(adresId: "${SPLIT}") {
  straat huisnummer verblijfsobject { oppervlakte aantalWooneenheden bouwjaar } aantalBewoners
  bewoners { bsn naam { voornamen geslachtsnaam } datumAanvangAdreshouding geheimhouding }
  eigenaar { naam { geslachtsnaam } } } }`;

const HOUSING = (adresId: string) => `{ adres(adresId: "${adresId}") {
  straat huisnummer aantalBewoners bewoners { bsn }
  huisvestingArbeidsmigranten { aantalPersonen vastgesteldOp werkgever { werkgeverId naam } }
  eigenaar { naam { geslachtsnaam } } } }`;

// One address per query: an aliased root field comes back null after the first request through
// Apollo Server (see pending-aliases.test.ts).
const RESIDENTS = (adresId: string) => `{ adres(adresId: "${adresId}") { straat huisnummer aantalBewoners bewoners { bsn naam { geslachtsnaam } } } }`;


describe('scenario 2: ghost residents and hidden residents', () => {
  let p: Product;
  let coordinator: string;

  beforeAll(async () => {
    p = await startProduct();
    coordinator = await p.token('coordinator', 'sociale-dienst');
  });
  afterAll(async () => {
    await p?.stop();
    await p?.cleanup();
  });

  it('the coordinator selects the split dwelling, the three buildings, the hidden couple’s address and the empty address', async () => {
    for (const adresId of [SPLIT, ...SCHOUTEN, HIDDEN_COUPLE, EMPTY]) {
      const { body } = await p.query(coordinator, 'woonfraude', select(adresId));
      expect(body.errors).toBeUndefined();
      expect((body.data as { selecteerAdres: { id: string } }).selecteerAdres.id).toMatch(/^[A-Za-z0-9-]+$/);
    }
  });

  it('the split dwelling: the BAG records one dwelling unit, the BRP six people in four households; its owner, outside the area, is in scope as the owner of the selected address', async () => {
    const analist = await p.token('analist', 'sociale-dienst');
    const { body } = await p.query(analist, 'woonfraude', SPLIT_QUERY);
    expect(body.data).toEqual({
      adres: {
        straat: 'Vlierbesstraat',
        huisnummer: 22,
        verblijfsobject: { oppervlakte: 140, aantalWooneenheden: 1, bouwjaar: 1931 },
        aantalBewoners: 6,
        bewoners: [
          { bsn: '999990123', naam: { voornamen: 'Kevin', geslachtsnaam: 'Bakker' }, datumAanvangAdreshouding: '2023-05-01', geheimhouding: false },
          { bsn: '999990135', naam: { voornamen: 'Radu', geslachtsnaam: 'Moraru' }, datumAanvangAdreshouding: '2024-02-15', geheimhouding: false },
          { bsn: '999990147', naam: { voornamen: 'Daniela', geslachtsnaam: 'Moraru' }, datumAanvangAdreshouding: '2024-02-15', geheimhouding: false },
          { bsn: '999990159', naam: { voornamen: 'Jeroen', geslachtsnaam: 'Smit' }, datumAanvangAdreshouding: '2022-09-01', geheimhouding: false },
          // A public body gets the data of a person under the secrecy flag; only private bodies do not.
          { bsn: '999990160', naam: { voornamen: 'Fatma', geslachtsnaam: 'Yilmaz' }, datumAanvangAdreshouding: '2025-01-20', geheimhouding: true },
          { bsn: '999990172', naam: { voornamen: 'Emre', geslachtsnaam: 'Yilmaz' }, datumAanvangAdreshouding: '2025-01-20', geheimhouding: false },
        ],
        eigenaar: { naam: { geslachtsnaam: 'Wit' } },
      },
    });
    expect(body.errors).toBeUndefined();
  });

  it('three buildings empty in the BRP house labour migrants of one employer; their owner, outside the area, is in scope through his ownership of them', async () => {
    const inspector = await p.token('analist', 'arbeidsinspectie');
    const building = (straat: string, huisnummer: number, aantalPersonen: number) => ({
      adres: {
        straat,
        huisnummer,
        aantalBewoners: 0,
        bewoners: [],
        huisvestingArbeidsmigranten: [
          { aantalPersonen, vastgesteldOp: '2026-04-20', werkgever: { werkgeverId: '899990002L01', naam: 'Flexwerk Maasland B.V.' } },
        ],
        eigenaar: { naam: { geslachtsnaam: 'Schouten' } },
      },
    });
    const expected = [building('Vlierbesstraat', 30, 8), building('Vlierbesstraat', 32, 5), building('Meidoornweg', 5, 6)];
    for (const [i, adresId] of SCHOUTEN.entries()) {
      const { body } = await p.query(inspector, 'arbeidsuitbuiting', HOUSING(adresId));
      expect(body.data).toEqual(expected[i]);
      expect(body.errors).toBeUndefined();
    }
  });

  it('the hidden couple: nobody registered at Meidoornweg 12, yet the inspectorate established two people housed there', async () => {
    const inspector = await p.token('analist', 'arbeidsinspectie');
    const { body } = await p.query(inspector, 'arbeidsuitbuiting', HOUSING(HIDDEN_COUPLE));
    expect(body.data).toEqual({
      adres: {
        straat: 'Meidoornweg',
        huisnummer: 12,
        aantalBewoners: 0,
        bewoners: [],
        huisvestingArbeidsmigranten: [{ aantalPersonen: 2, vastgesteldOp: '2026-04-20', werkgever: { werkgeverId: '899990002L01', naam: 'Flexwerk Maasland B.V.' } }],
        eigenaar: null,
      },
    });
    expect(body.errors).toBeUndefined();
  });

  it('secret versus nobody, to a private body (the corporation): the empty address answers [], the flagged resident is a denied entry', async () => {
    const corporation = await p.token('analist', 'woningcorporatie');
    const nobody = await p.query(corporation, 'woonfraude', RESIDENTS(EMPTY));
    expect(nobody.body).toEqual({ data: { adres: { straat: 'Meidoornweg', huisnummer: 9, aantalBewoners: 0, bewoners: [] } } });

    const { body } = await p.query(corporation, 'woonfraude', RESIDENTS(SPLIT));
    expect(body.data).toEqual({
      adres: {
        straat: 'Vlierbesstraat',
        huisnummer: 22,
        aantalBewoners: 6,
        bewoners: [
          { bsn: '999990123', naam: { geslachtsnaam: 'Bakker' } },
          { bsn: '999990135', naam: { geslachtsnaam: 'Moraru' } },
          { bsn: '999990147', naam: { geslachtsnaam: 'Moraru' } },
          { bsn: '999990159', naam: { geslachtsnaam: 'Smit' } },
          { bsn: null, naam: null },
          { bsn: '999990172', naam: { geslachtsnaam: 'Yilmaz' } },
        ],
      },
    });
    expect(denials(body)).toEqual([
      { path: 'adres.bewoners.4.bsn', code: 'FIELD_DENIED', principle: 'subject', rule: 'subject.withheld' },
      { path: 'adres.bewoners.4.naam', code: 'FIELD_DENIED', principle: 'subject', rule: 'subject.withheld' },
    ]);
    // No oracle: the corporation is not told that the flag is the reason.
    expect(body.errors![0]!.extensions!['reason']).toBe(withheldReason('Persoon.bsn', 'identifying', { secrecy: true }));
  });
});
