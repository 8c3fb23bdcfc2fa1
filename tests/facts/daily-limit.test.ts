import { describe, expect, test } from 'vitest';
import { createDailyPersonLimit, dailyUserKey } from '../../gateway/facts/daily-limit.ts';
import { backends } from './backends.ts';

const ISSUER = 'https://idp.sociale-dienst.example';
const user = (id: string, issuer = ISSUER) => ({ issuer, id });

for (const backend of backends) {
  describe.runIf(backend.enabled)(`daily person limit on ${backend.name}`, () => {
    test('admits up to the limit per user and day; a refused request counts nothing', async () => {
      const db = await backend.open();
      try {
        const limit = createDailyPersonLimit({ db, maxPersonsPerUserPerDay: 5 });
        expect(await limit.admit(user('medewerker-17'), '2026-11-15', 3)).toBe(true);
        expect(await limit.admit(user('medewerker-17'), '2026-11-15', 3)).toBe(false);
        expect(await limit.admit(user('medewerker-17'), '2026-11-15', 2)).toBe(true);
        expect(await limit.admit(user('medewerker-17'), '2026-11-15', 1)).toBe(false);
        expect(await limit.admit(user('medewerker-17'), '2026-11-15', 0)).toBe(true);
        expect(await limit.admit(user('medewerker-17'), '2026-11-16', 5)).toBe(true);
        expect(await limit.admit(user('medewerker-18'), '2026-11-15', 6)).toBe(false);
        expect(await limit.admit(user('medewerker-18'), '2026-11-15', 5)).toBe(true);
        const { rows } = await db.query<{ user_id: string; day: string; count: number }>(
          "SELECT user_id, to_char(day, 'YYYY-MM-DD') AS day, count FROM daily_counters ORDER BY user_id, day",
        );
        expect(rows).toEqual([
          { user_id: dailyUserKey(user('medewerker-17')), day: '2026-11-15', count: 5 },
          { user_id: dailyUserKey(user('medewerker-17')), day: '2026-11-16', count: 5 },
          { user_id: dailyUserKey(user('medewerker-18')), day: '2026-11-15', count: 5 },
        ]);
      } finally {
        await db.close();
      }
    });

    test('counts per issuer and subject: the same id at two identity providers is two users (issue 12, item 9)', async () => {
      const db = await backend.open();
      try {
        const limit = createDailyPersonLimit({ db, maxPersonsPerUserPerDay: 2 });
        expect(await limit.admit(user('emp-001'), '2026-11-15', 2)).toBe(true);
        expect(await limit.admit(user('emp-001'), '2026-11-15', 1)).toBe(false);
        expect(await limit.admit(user('emp-001', 'https://idp.uwv.example'), '2026-11-15', 2)).toBe(true);
        expect(await limit.admit(user('emp-002'), '2026-11-15', 2)).toBe(true);
        // No issuer and an id that spells one out are not confused with an issuer and an id.
        expect(dailyUserKey({ id: `${ISSUER}|emp-001` })).not.toBe(dailyUserKey(user('emp-001')));
      } finally {
        await db.close();
      }
    });

    test('refuses bad input', async () => {
      const db = await backend.open();
      try {
        expect(() => createDailyPersonLimit({ db, maxPersonsPerUserPerDay: 0 })).toThrow('maxPersonsPerUserPerDay must be a whole number of at least 1');
        const limit = createDailyPersonLimit({ db, maxPersonsPerUserPerDay: 5 });
        await expect(limit.admit(user('medewerker-17'), '2026-11-15', -1)).rejects.toThrow('newPersons must be a whole number of at least 0');
        await expect(limit.admit(user('medewerker-17'), '15-11-2026', 1)).rejects.toThrow('day must be YYYY-MM-DD');
      } finally {
        await db.close();
      }
    });
  });
}
