/**
 * Records that follow from who lives where: ownership and tenancy, allowances (Belastingdienst),
 * child benefit and living-together status (SVB), residence status (IND) and vehicles (RDW).
 */
import { addYears, ageOn, maxDate } from './dates.ts';
import { CORPORATIES, PEILDATUM } from './gemeente.ts';
import type { Situatie } from './income.ts';
import { AUTO_MODELLEN } from './names.ts';
import type { Rng } from './random.ts';
import { kinderbijslagPerKwartaal, type Registers } from './registers.ts';
import type { Huishouden } from './residents.ts';
import type { Persoon, Verblijfsstatus } from './types.ts';

export function generateWoonRecords(rng: Rng, huishoudens: readonly Huishouden[], registers: Registers): void {
  const volwassenen = huishoudens.flatMap((h) => h.volwassenen);
  for (const h of huishoudens) {
    const huurder = h.volwassenen[0] as Persoon;
    if (h.eigendom === 'eigenaar-bewoner') h.adres.eigenaarBsn = huurder.bsn;
    if (h.eigendom === 'particuliere-verhuur') h.adres.eigenaarBsn = rng.pick(volwassenen).bsn;
    if (h.eigendom === 'corporatie') {
      registers.huurcontracten.push({
        adresId: h.adres.adresId,
        corporatie: rng.pick(CORPORATIES),
        huurderBsn: huurder.bsn,
        ingangsdatum: h.datumAanvang,
        kaleHuurPerMaand: rng.int(45, 95) * 10,
      });
    }
  }
}

export function generateToeslagen(rng: Rng, huishoudens: readonly Huishouden[], situaties: ReadonlyMap<string, Situatie>, registers: Registers): void {
  for (const h of huishoudens) {
    const isPaar = h.soort === 'paar' || h.soort === 'gezin';
    const aanvrager = h.volwassenen.find((v) => v.geslacht === 'V') ?? (h.volwassenen[0] as Persoon);
    const inkomen = (p: Persoon): number => situaties.get(p.bsn)?.verzamelinkomen ?? 0;
    const toetsingsinkomen = isPaar ? h.volwassenen.reduce((sum, p) => sum + inkomen(p), 0) : inkomen(aanvrager);
    const toeslag = (bsn: string, soort: Registers['toeslagen'][number]['soort'], jaarbedrag: number): void => {
      if (jaarbedrag > 0) registers.toeslagen.push({ bsn, soort, jaar: 2026, jaarbedrag });
    };
    const payers = isPaar ? [aanvrager] : h.volwassenen;
    for (const p of payers) {
      const grens = isPaar ? 48_000 : 39_000;
      const ti = isPaar ? toetsingsinkomen : inkomen(p);
      if (ti < grens) toeslag(p.bsn, 'zorgtoeslag', Math.round((isPaar ? 2_950 : 1_500) * Math.min(1, (grens - ti) / 11_000)));
    }
    const huurt = h.eigendom !== 'eigenaar-bewoner';
    if (huurt && toetsingsinkomen < (isPaar ? 42_000 : 33_000)) {
      toeslag((h.volwassenen[0] as Persoon).bsn, 'huurtoeslag', rng.int(120, 360) * 10);
    }
    const kinderen = h.kinderen.length;
    if (kinderen > 0 && toetsingsinkomen < 60_000) {
      const basis = kinderen * 1_300 + (h.soort === 'eenoudergezin' ? 3_400 : 0);
      toeslag(aanvrager.bsn, 'kindgebonden-budget', Math.round(basis * Math.min(1, (60_000 - toetsingsinkomen) / 30_000)));
    }
    const jongKind = h.kinderen.some((k) => ageOn(k.geboortedatum, PEILDATUM) < 12);
    const allenWerken = h.volwassenen.every((v) => situaties.get(v.bsn)?.bron === 'werk');
    if (jongKind && allenWerken && rng.chance(0.35)) toeslag(aanvrager.bsn, 'kinderopvangtoeslag', rng.int(30, 90) * 100);
  }
}

export function generateSvbRecords(rng: Rng, huishoudens: readonly Huishouden[], registers: Registers): void {
  const aowBsns = new Set(registers.aow.map((a) => a.bsn));
  for (const h of huishoudens) {
    const ontvanger = h.volwassenen.find((v) => v.geslacht === 'V') ?? (h.volwassenen[0] as Persoon);
    const minderjarig = h.kinderen.filter((k) => ageOn(k.geboortedatum, PEILDATUM) < 18);
    for (const kind of minderjarig) {
      registers.kinderbijslag.push({ bsn: ontvanger.bsn, kindBsn: kind.bsn, kwartaalbedrag: kinderbijslagPerKwartaal(ageOn(kind.geboortedatum, PEILDATUM)) });
    }
    const samen = (h.soort === 'paar' || h.soort === 'gezin') && h.volwassenen.length === 2;
    const subjects = h.volwassenen.filter((v) => aowBsns.has(v.bsn) || (v === ontvanger && minderjarig.length > 0));
    for (const p of subjects) {
      const partner = samen ? (h.volwassenen.find((v) => v !== p) ?? null) : null;
      registers.leefsituaties.push({
        bsn: p.bsn,
        samenwonend: partner !== null,
        partnerBsn: partner?.bsn ?? null,
        vastgesteldOp: rng.dateBetween(maxDate(h.datumAanvang, '2020-01-01'), '2026-10-18'),
      });
    }
  }
}

export function generateVerblijfsstatussen(rng: Rng, huishoudens: readonly Huishouden[], migranten: ReadonlySet<Huishouden>, registers: Registers): void {
  for (const h of huishoudens) {
    const r = rng.next();
    const soort: Verblijfsstatus['soort'] = migranten.has(h) ? 'eu-burger' : r < 0.9 ? 'nederlander' : r < 0.95 ? 'eu-burger' : r < 0.98 ? 'verblijfsvergunning-regulier' : 'verblijfsvergunning-asiel';
    const geldigTot = soort.startsWith('verblijfsvergunning') ? `${rng.int(2027, 2031)}-${String(rng.int(1, 12)).padStart(2, '0')}-01` : null;
    for (const p of [...h.volwassenen, ...h.kinderen]) registers.verblijfsstatussen.push({ bsn: p.bsn, soort, geldigTot });
  }
}

const KENTEKEN_LETTERS = 'BDFGHJKLNPRSTVXZ';

export function generateVoertuigen(rng: Rng, huishoudens: readonly Huishouden[], registers: Registers): void {
  const kentekens = new Set<string>();
  const letter = (): string => rng.pick(KENTEKEN_LETTERS.split(''));
  for (const p of huishoudens.flatMap((h) => h.volwassenen)) {
    if (!rng.chance(0.38)) continue;
    let kenteken: string;
    do kenteken = `${letter()}${letter()}-${rng.int(100, 999)}-${letter()}`;
    while (kentekens.has(kenteken));
    kentekens.add(kenteken);
    const [merk, handelsbenaming, cataloguswaarde] = rng.pick(AUTO_MODELLEN);
    registers.voertuigen.push({
      kenteken,
      bsn: p.bsn,
      merk,
      handelsbenaming,
      datumTenaamstelling: rng.dateBetween(maxDate(addYears(p.geboortedatum, 18), '2012-01-01'), '2026-10-01'),
      cataloguswaarde,
    });
  }
}
