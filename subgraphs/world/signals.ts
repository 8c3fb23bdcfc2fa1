/**
 * The partners' signals about addresses, derived from their own records: a corporation's report,
 * a police nuisance registration, a red risk score, an Inlichtingenbureau signal, an underpaid wage.
 * A signal says where to look, never that someone did wrong.
 */
import { numberIds } from './incidents.ts';
import type { Rng } from './random.ts';
import type { Registers } from './registers.ts';
import type { Adres, PartnerId, Persoon, Signaal } from './types.ts';

const VAN = '2025-01-01';
const TOT = '2026-10-15';

export function deriveSignalen(rng: Rng, adressen: readonly Adres[], personen: readonly Persoon[], registers: Registers): Signaal[] {
  const woonadres = new Map<string, string>();
  const bewoners = new Map<string, number>();
  for (const p of personen) {
    const huidig = p.verblijfplaatsen.find((v) => v.datumEinde === null);
    if (huidig === undefined) continue;
    woonadres.set(p.bsn, huidig.adresId);
    bewoners.set(huidig.adresId, (bewoners.get(huidig.adresId) ?? 0) + 1);
  }
  const signalen: Signaal[] = [];
  const add = (adresId: string | undefined, partner: PartnerId, soort: string, datum: string): void => {
    if (adresId !== undefined) signalen.push({ id: '', adresId, partner, soort, datum });
  };

  for (const m of registers.corporatieMeldingen) add(m.adresId, 'woningcorporatie', m.soort, m.datum);
  for (const r of registers.politieRegistraties) if (r.soort === 'overlast' || r.soort === 'hennep') add(r.adresId, 'politie', r.soort, r.datum);
  for (const m of registers.burgermeldingen) add(m.adresId, 'sociale-dienst', 'burgermelding', m.datum);
  for (const s of registers.risicoscores) if (s.kleur === 'rood') add(woonadres.get(s.bsn), 'sociale-dienst', 'risicoscore-rood', s.berekendOp);
  for (const s of registers.ibSignalen) add(woonadres.get(s.bsn), 'inlichtingenbureau', s.type, s.datum);
  for (const l of registers.loonbevindingen) {
    if (l.betaaldUurloonCent >= l.minimumUurloonCent) continue;
    const huisvesting = registers.huisvesting.find((h) => h.werkgeverId === l.werkgeverId && h.adresId === woonadres.get(l.bsn));
    add(huisvesting?.adresId, 'arbeidsinspectie', 'onderbetaling', l.datum);
  }
  for (const a of adressen) {
    const aantal = bewoners.get(a.adresId) ?? 0;
    if (aantal > 0 && a.oppervlakte / aantal < 9) add(a.adresId, 'bag', 'overbewoning', rng.dateBetween(VAN, TOT));
  }
  const sample = <T>(items: readonly T[], n: number): T[] => rng.shuffle(items).slice(0, n);
  for (const t of sample(registers.toeslagen.filter((t) => t.soort === 'huurtoeslag'), 8)) add(woonadres.get(t.bsn), 'belastingdienst', 'toeslagen-afwijkend', rng.dateBetween(VAN, TOT));
  for (const u of sample(registers.uwvUitkeringen.filter((u) => u.soort === 'WW'), 5)) add(woonadres.get(u.bsn), 'uwv', 'ww-controle', rng.dateBetween(VAN, TOT));
  for (const l of sample(registers.leefsituaties, 5)) add(woonadres.get(l.bsn), 'svb', 'leefsituatie-onduidelijk', rng.dateBetween(VAN, TOT));
  for (const p of sample(personen, 6)) add(woonadres.get(p.bsn), 'brp', 'adresonderzoek', rng.dateBetween(VAN, TOT));

  const uniek = new Map(signalen.map((s) => [`${s.adresId}|${s.partner}|${s.soort}|${s.datum}`, s]));
  const result = [...uniek.values()];
  numberIds(result, 'SIG');
  return result;
}
