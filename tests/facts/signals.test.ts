import { describe, expect, test } from 'vitest';
import { openCase } from '../../gateway/store/cases.ts';
import { importSignals, listProjectAddresses, seedSignalsFromWorld, signalsFor } from '../../gateway/store/signals.ts';
import { defaultWorld, SCENARIO_ADRES } from '../../subgraphs/world/index.ts';
import { backends } from './backends.ts';
import { ADRES, PROJECT, SIGNALS } from './fixtures.ts';

const P = 'wijkaanpak-2026';

for (const backend of backends) {
  describe.runIf(backend.enabled)(`signals on ${backend.name}`, () => {
    test('importing is idempotent by id; the same id with other content is refused whole', async () => {
      const db = await backend.open();
      try {
        expect(await importSignals(db, P, SIGNALS)).toBe(5);
        expect(await importSignals(db, P, SIGNALS)).toBe(0);
        const extra = { id: 'SIG-6', adresId: ADRES.quiet, partner: 'svb', soort: 'leefsituatie-afwijkend', datum: '2026-05-19' };
        expect(await importSignals(db, P, [SIGNALS[0]!, extra])).toBe(1);

        const changed = { ...SIGNALS[1]!, datum: '2026-06-16' };
        const other = { id: 'SIG-7', adresId: ADRES.quiet, partner: 'uwv', soort: 'ww-controle', datum: '2026-05-20' };
        await expect(importSignals(db, P, [other, changed])).rejects.toThrow('signals already stored with other content (give a new signal a new id): SIG-2');
        await expect(importSignals(db, 'wijkaanpak-2025', [SIGNALS[0]!])).rejects.toThrow('signals already stored with other content (give a new signal a new id): SIG-1');
        const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM signals');
        expect(rows).toEqual([{ n: 6 }]);
      } finally {
        await db.close();
      }
    });

    test('importing checks every signal before storing any', async () => {
      const db = await backend.open();
      try {
        const bad = { id: 'SIG-9', adresId: '123', partner: 'uwv', soort: 'x', datum: '2026-01-01' };
        await expect(importSignals(db, P, [SIGNALS[0]!, bad])).rejects.toThrow('signals[1].adresId must be a 16-digit BAG id');
        await expect(importSignals(db, P, [{ ...SIGNALS[0]!, datum: '2026-02-30' }])).rejects.toThrow('signals[0].datum must be a date (YYYY-MM-DD)');
        await expect(importSignals(db, P, [SIGNALS[0]!, SIGNALS[0]!])).rejects.toThrow('signals: an id occurs more than once');
        expect((await signalsFor(db, P, [ADRES.twoPartners])).get(ADRES.twoPartners)).toEqual([]);
      } finally {
        await db.close();
      }
    });

    test('signalsFor gives every asked address its signals, oldest first, up to a day and from given partners', async () => {
      const db = await backend.open();
      try {
        await importSignals(db, P, SIGNALS);
        await importSignals(db, 'wijkaanpak-2025', [{ id: 'OTHER-1', adresId: ADRES.twoPartners, partner: 'uwv', soort: 'ww-controle', datum: '2026-01-01' }]);
        const all = await signalsFor(db, P, [ADRES.twoPartners, ADRES.quiet, ADRES.twoPartners]);
        expect([...all.entries()]).toEqual([
          [
            ADRES.twoPartners,
            [
              { id: 'SIG-1', project: P, adresId: ADRES.twoPartners, partner: 'woningcorporatie', soort: 'overlast', datum: '2026-03-02' },
              { id: 'SIG-2', project: P, adresId: ADRES.twoPartners, partner: 'belastingdienst', soort: 'toeslagen-afwijkend', datum: '2026-06-15' },
            ],
          ],
          [ADRES.quiet, []],
        ]);
        expect((await signalsFor(db, P, [ADRES.twoPartners], { onOrBefore: '2026-06-14' })).get(ADRES.twoPartners)!.map((s) => s.id)).toEqual(['SIG-1']);
        expect((await signalsFor(db, P, [ADRES.twoPartners], { partners: ['belastingdienst'] })).get(ADRES.twoPartners)!.map((s) => s.id)).toEqual(['SIG-2']);
      } finally {
        await db.close();
      }
    });

    test('the project list: exact partners, kinds, dates and selection; most partners first; paged', async () => {
      const db = await backend.open();
      try {
        await importSignals(db, P, SIGNALS);
        const opened = await openCase(db, { project: P, adresId: ADRES.onePartner, openedBy: 'coordinator-1', reason: 'Two police reports in two months.', openedAt: new Date('2026-06-01T09:00:00Z') });

        const page1 = await listProjectAddresses(db, P, { first: 2 });
        expect(page1).toEqual({
          items: [
            { adresId: ADRES.twoPartners, partners: ['belastingdienst', 'woningcorporatie'], kinds: ['overlast', 'toeslagen-afwijkend'], firstDate: '2026-03-02', lastDate: '2026-06-15', caseId: null },
            { adresId: ADRES.onePartner, partners: ['politie'], kinds: ['hennep', 'overlast'], firstDate: '2026-02-18', lastDate: '2026-04-01', caseId: opened.id },
          ],
          next: 2,
        });
        const page2 = await listProjectAddresses(db, P, { first: 2, after: 2 });
        expect(page2).toEqual({
          items: [{ adresId: ADRES.outside, partners: ['uwv'], kinds: ['ww-controle'], firstDate: '2026-01-10', lastDate: '2026-01-10', caseId: null }],
          next: null,
        });
        expect(await listProjectAddresses(db, P, { first: 50, minPartners: 2 })).toEqual({ items: [page1.items[0]], next: null });
        const beforeSecond = await listProjectAddresses(db, P, { first: 50, minPartners: 2, onOrBefore: '2026-06-14' });
        expect(beforeSecond).toEqual({ items: [], next: null });
        const some = await listProjectAddresses(db, P, { first: 50, partners: ['politie', 'woningcorporatie'] });
        expect(some.items.map((a) => [a.adresId, a.partners])).toEqual([
          [ADRES.onePartner, ['politie']],
          [ADRES.twoPartners, ['woningcorporatie']],
        ]);
        await expect(listProjectAddresses(db, P, { first: 0 })).rejects.toThrow('first must be a whole number of at least 1');
      } finally {
        await db.close();
      }
    });

    test('seeding from the world lays the signals of the area only, once, with project-scoped ids', async () => {
      const db = await backend.open();
      try {
        const world = defaultWorld();
        const inArea = world.signalen.filter((s) => /^597[12]/.test(world.adressen.find((a) => a.adresId === s.adresId)!.postcode));
        expect(await seedSignalsFromWorld(db, world, PROJECT)).toBe(inArea.length);
        expect(await seedSignalsFromWorld(db, world, PROJECT)).toBe(0);
        const gezin = (await signalsFor(db, P, [SCENARIO_ADRES.gezinswoning])).get(SCENARIO_ADRES.gezinswoning)!;
        expect(gezin.map(({ id, partner, soort, datum }) => ({ id, partner, soort, datum }))).toEqual([
          { id: 'wijkaanpak-2026/SIG-9001', partner: 'woningcorporatie', soort: 'overlast', datum: '2026-03-02' },
          { id: 'wijkaanpak-2026/SIG-9002', partner: 'belastingdienst', soort: 'toeslagen-afwijkend', datum: '2026-06-15' },
        ]);
        expect((await signalsFor(db, P, [SCENARIO_ADRES.kraaijeveld])).get(SCENARIO_ADRES.kraaijeveld)).toEqual([]);
      } finally {
        await db.close();
      }
    });
  });
}
