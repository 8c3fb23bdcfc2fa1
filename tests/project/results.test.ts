/**
 * Case work after the desk research, in the store: home visits with the persons found (as
 * pseudonyms, linking them to the address), the partners' outcomes, and the project's results
 * report with small cells suppressed.
 */
import { describe, expect, test } from 'vitest';
import { openCase } from '../../gateway/store/cases.ts';
import { occupantLinks, recordVisit, visitsOf } from '../../gateway/store/visits.ts';
import { outcomesOf, projectTotals, recordOutcome } from '../../gateway/store/outcomes.ts';
import { MIN_CELL, resultsReport } from '../../gateway/project/results-report.ts';
import { backends } from '../helpers/backends.ts';

const P = 'wijkaanpak-2026';
const AT = new Date('2026-11-23T10:00:00Z');
const adres = (n: number) => `99992000009${String(n).padStart(5, '0')}`;

describe('the results report', () => {
  test('counts per partner and kind; a cell under MIN_CELL cases has no figures; the CSV carries the same rows', () => {
    expect(MIN_CELL).toBe(3);
    const report = resultsReport(P, '2026-11-23', {
      cases: 7,
      visits: 1,
      outcomes: [
        { organisation: 'belastingdienst', kind: 'uitkering-gestopt', cases: 3, amountCents: 2_527_200 },
        { organisation: 'woningcorporatie', kind: 'herhuisvest', cases: 2, amountCents: null },
        { organisation: 'gemeente', kind: 'niets-gevonden', cases: 4, amountCents: null },
      ],
    });
    expect(report).toEqual({
      project: P,
      opgesteldOp: '2026-11-23',
      minimumCel: 3,
      aantalZaken: 7,
      aantalHuisbezoeken: 1,
      regels: [
        { organisatie: 'belastingdienst', soort: 'uitkering-gestopt', aantalZaken: 3, totaalBedragEuro: 25272, onderdrukt: false },
        { organisatie: 'woningcorporatie', soort: 'herhuisvest', aantalZaken: null, totaalBedragEuro: null, onderdrukt: true },
        { organisatie: 'gemeente', soort: 'niets-gevonden', aantalZaken: 4, totaalBedragEuro: null, onderdrukt: false },
      ],
      csv: [
        'organisatie,soort,aantal_zaken,totaal_bedrag_euro,onderdrukt',
        'belastingdienst,uitkering-gestopt,3,25272,nee',
        'woningcorporatie,herhuisvest,,,ja',
        'gemeente,niets-gevonden,4,,nee',
        '',
      ].join('\n'),
    });
  });
});

for (const backend of backends) {
  describe.runIf(backend.enabled)(`visits and outcomes on ${backend.name}`, () => {
    test('a visit keeps the persons found as pseudonyms and links them to its open case’s address; outcomes add up per partner and kind', async () => {
      const db = await backend.open();
      try {
        const cases = [];
        for (const n of [901, 902, 903, 904]) cases.push(await openCase(db, { project: P, adresId: adres(n), openedBy: 'coordinator-1', reason: 'Overlapping signals.', openedAt: AT }));
        const other = await openCase(db, { project: 'wijkaanpak-2025', adresId: adres(905), openedBy: 'coordinator-1', reason: 'Overlapping signals.', openedAt: AT });

        const visit = await recordVisit(db, {
          caseId: cases[0]!.id,
          visitedOn: '2026-09-22',
          justification: 'Only a visit can show who lives there.',
          note: 'Six men live in the dwelling.',
          occupants: ['a'.repeat(64), 'b'.repeat(64), 'a'.repeat(64)],
          recordedBy: 'handhaver-1',
          organisation: 'arbeidsinspectie',
          recordedAt: AT,
        });
        expect(visit.occupants).toBe(2);
        await recordVisit(db, { ...visit, caseId: other.id, occupants: ['c'.repeat(64)] });
        expect((await visitsOf(db, [cases[0]!.id])).get(cases[0]!.id)).toEqual([{ ...visit, occupants: 2 }]);
        expect([...(await occupantLinks(db, P, ['a'.repeat(64), 'c'.repeat(64), 'd'.repeat(64)])).entries()]).toEqual([
          ['a'.repeat(64), [{ adresId: adres(901), visitId: visit.id, visitedOn: '2026-09-22' }]],
        ]);
        await expect(recordVisit(db, { ...visit, caseId: 'no-such-case', occupants: [] })).rejects.toThrow('no open case no-such-case');

        const outcome = (caseId: string, organisation: string, kind: string, amountCents: number | null) =>
          recordOutcome(db, { caseId, organisation, kind, amountCents, subjectType: 'address', subjectPseudonym: 'e'.repeat(64), note: 'Allowances stopped.', recordedBy: 'analist-1', recordedAt: AT });
        for (const [i, zaak] of cases.slice(0, 3).entries()) await outcome(zaak.id, 'belastingdienst', 'uitkering-gestopt', 100_000 * (i + 1));
        await outcome(cases[0]!.id, 'belastingdienst', 'uitkering-gestopt', 50_000);
        await outcome(cases[3]!.id, 'woningcorporatie', 'herhuisvest', null);
        await outcome(other.id, 'belastingdienst', 'uitkering-gestopt', 999_900);
        expect((await outcomesOf(db, [cases[3]!.id])).get(cases[3]!.id)).toEqual([
          { caseId: cases[3]!.id, organisation: 'woningcorporatie', kind: 'herhuisvest', amountCents: null, note: 'Allowances stopped.', recordedAt: AT },
        ]);

        expect(await projectTotals(db, P)).toEqual({
          cases: 4,
          visits: 1,
          outcomes: [
            { organisation: 'belastingdienst', kind: 'uitkering-gestopt', cases: 3, amountCents: 650_000 },
            { organisation: 'woningcorporatie', kind: 'herhuisvest', cases: 1, amountCents: null },
          ],
        });
      } finally {
        await db.close();
      }
    });
  });
}
