/** The GraphQL documents the stories ask (docs/scenarios.md), shared by `npm run demo` and the tests. */

export const PROJECT = 'wijkaanpak-2026';

/** The four Lindelaan addresses of scenario 3, by house number. */
export const LINDELAAN = { 3: '9999200000900009', 7: '9999200000900010', 11: '9999200000900011', 15: '9999200000900012' } as const;

/** Scenario 3: one query over the four selected addresses, assistance, jobs and income side by side. */
export const DESK_RESEARCH = `query Bureauonderzoek {
  ${Object.entries(LINDELAAN)
    .map(([nummer, adresId]) => `lindelaan${nummer}: adres(adresId: "${adresId}") { ...Bureauonderzoek }`)
    .join('\n  ')}
}
fragment Bureauonderzoek on Adres {
  straat huisnummer
  bewoners {
    bsn naam { voornamen geslachtsnaam }
    bijstand { bedragPerMaand normType aantalKostendelers ingangsdatum einddatum }
    risicoscore { kleur berekendOp }
    dienstverbanden { werkgeverNaam startdatum einddatum loonPerMaand urenPerWeek }
    inkomens { jaar verzamelinkomen vermogen }
  }
}`;
