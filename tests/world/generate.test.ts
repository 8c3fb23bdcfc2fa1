import { describe, expect, it } from 'vitest';
import { isValidBsn } from '../../subgraphs/world/bsn.ts';
import { ageOn, addYears } from '../../subgraphs/world/dates.ts';
import { generateWorld } from '../../subgraphs/world/generate.ts';
import { indexWorld } from '../../subgraphs/world/lookup.ts';
import { defaultWorld, DEFAULT_SEED } from '../../subgraphs/world/index.ts';
import type { World } from '../../subgraphs/world/types.ts';

const world = defaultWorld();
const other = generateWorld(7);

describe('determinism', () => {
  it('gives a deep-equal world for the same seed', () => {
    expect(generateWorld(DEFAULT_SEED)).toEqual(world);
  });

  it('gives a different world for a different seed', () => {
    expect(other.personen.slice(0, 20)).not.toEqual(world.personen.slice(0, 20));
    expect(other.adressen.slice(0, 20)).not.toEqual(world.adressen.slice(0, 20));
  });

  it('memoises the default world', () => {
    expect(defaultWorld()).toBe(world);
    expect(world.seed).toBe(2026);
    expect(world.peildatum).toBe('2026-11-01');
    expect(world.gemeente).toEqual({ code: '9999', naam: 'Doelstad' });
  });

  it('refuses a seed that is not an integer', () => {
    expect(() => generateWorld(1.5)).toThrow('seed must be an integer');
  });
});

describe.each([
  ['seed 2026', world],
  ['seed 7', other],
])('consistency of the %s world', (_, w: World) => {
  const index = indexWorld(w);
  const bsnExists = (bsn: string) => index.persoonByBsn.has(bsn);
  const adresExists = (id: string) => index.adresById.has(id);

  it('has the expected size', () => {
    expect(w.wijken).toHaveLength(4);
    expect(w.adressen.length).toBeGreaterThanOrEqual(2000);
    expect(w.adressen.length).toBeLessThanOrEqual(3000);
    expect(w.personen.length).toBeGreaterThanOrEqual(4000);
    expect(w.personen.length).toBeLessThanOrEqual(6000);
  });

  it('has unique, well-formed BSNs and adresIds', () => {
    expect(new Set(w.personen.map((p) => p.bsn)).size).toBe(w.personen.length);
    expect(new Set(w.adressen.map((a) => a.adresId)).size).toBe(w.adressen.length);
    for (const p of w.personen) {
      expect(isValidBsn(p.bsn)).toBe(true);
      expect(p.bsn.startsWith('9999')).toBe(true);
    }
    for (const a of w.adressen) {
      expect(a.adresId).toMatch(/^999920\d{10}$/);
      expect(a.postcode).toMatch(/^\d{4}[A-Z]{2}$/);
      expect(['SA', 'SD', 'SS']).not.toContain(a.postcode.slice(4));
      const wijk = index.wijkByCode.get(a.wijkCode);
      expect(wijk?.postcodeGebieden).toContain(a.postcode.slice(0, 4));
    }
  });

  it('has one address per postcode + huisnummer + huisletter + toevoeging', () => {
    expect(index.adresByKey.size).toBe(w.adressen.length);
  });

  it('points every registration, partner and parent at something that exists', () => {
    for (const p of w.personen) {
      for (const v of p.verblijfplaatsen) {
        expect(adresExists(v.adresId)).toBe(true);
        expect(v.datumAanvang >= p.geboortedatum).toBe(true);
        if (v.datumEinde !== null) expect(v.datumEinde >= v.datumAanvang).toBe(true);
      }
      expect(p.verblijfplaatsen.filter((v) => v.datumEinde === null).length).toBeLessThanOrEqual(1);
      if (p.werkelijkAdresId !== null) expect(adresExists(p.werkelijkAdresId)).toBe(true);
      if (p.partnerBsn !== null) expect(index.persoonByBsn.get(p.partnerBsn)?.partnerBsn).toBe(p.bsn);
      for (const ouder of p.ouderBsns) {
        expect(bsnExists(ouder)).toBe(true);
        expect(index.persoonByBsn.get(ouder)!.geboortedatum < p.geboortedatum).toBe(true);
      }
    }
  });

  it('points every partner record at an existing person, address or employer', () => {
    const perBsn = [
      w.bijstand, w.risicoscores, w.zorgtrajecten, w.dienstverbanden, w.uwvUitkeringen, w.toeslagen, w.inkomens, w.aow,
      w.kinderbijslag, w.leefsituaties, w.loonbevindingen, w.verblijfsstatussen, w.voertuigen, w.ibSignalen,
    ];
    for (const records of perBsn) for (const r of records) expect(bsnExists(r.bsn)).toBe(true);
    for (const r of [...w.burgermeldingen, ...w.huisvesting, ...w.politieRegistraties, ...w.huurcontracten, ...w.corporatieMeldingen, ...w.signalen]) {
      expect(adresExists(r.adresId)).toBe(true);
    }
    for (const r of [...w.dienstverbanden, ...w.huisvesting, ...w.loonbevindingen]) expect(index.werkgeverById.has(r.werkgeverId)).toBe(true);
    for (const d of w.dienstverbanden) expect(d.werkgeverNaam).toBe(index.werkgeverById.get(d.werkgeverId)!.naam);
    for (const r of w.politieRegistraties) if (r.bsn !== null) expect(bsnExists(r.bsn)).toBe(true);
    for (const wg of w.werkgevers) if (wg.eigenaarBsn !== null) expect(bsnExists(wg.eigenaarBsn)).toBe(true);
    for (const a of w.adressen) if (a.eigenaarBsn !== null) expect(bsnExists(a.eigenaarBsn)).toBe(true);
    for (const l of w.leefsituaties) if (l.partnerBsn !== null) expect(bsnExists(l.partnerBsn)).toBe(true);
  });

  it('gives every person one residence status and one vehicle per kenteken', () => {
    expect(w.verblijfsstatussen).toHaveLength(w.personen.length);
    expect(new Set(w.verblijfsstatussen.map((s) => s.bsn)).size).toBe(w.personen.length);
    expect(new Set(w.voertuigen.map((v) => v.kenteken)).size).toBe(w.voertuigen.length);
  });

  it('has unique record ids', () => {
    for (const records of [w.burgermeldingen, w.loonbevindingen, w.politieRegistraties, w.corporatieMeldingen, w.ibSignalen, w.signalen]) {
      expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
    }
  });

  it('pays child benefit only to a parent of a minor child', () => {
    for (const k of w.kinderbijslag) {
      const kind = index.persoonByBsn.get(k.kindBsn)!;
      expect(kind.ouderBsns).toContain(k.bsn);
      expect(ageOn(kind.geboortedatum, w.peildatum)).toBeLessThan(18);
    }
  });

  it('pays state pension only to people aged 67 or more, from age 65 at the earliest', () => {
    for (const a of w.aow) {
      const p = index.persoonByBsn.get(a.bsn)!;
      expect(ageOn(p.geboortedatum, w.peildatum)).toBeGreaterThanOrEqual(67);
      expect(a.ingangsdatum >= addYears(p.geboortedatum, 65)).toBe(true);
    }
  });

  it('lets a corporation tenancy belong to someone registered there', () => {
    for (const h of w.huurcontracten) {
      expect(index.bewonersOp(h.adresId).map((p) => p.bsn)).toContain(h.huurderBsn);
    }
  });

  it('keeps benefits a minority and signals on a few percent of addresses', () => {
    const volwassenen = w.personen.filter((p) => ageOn(p.geboortedatum, w.peildatum) >= 18).length;
    expect(w.bijstand.length / volwassenen).toBeLessThan(0.1);
    const partnersPerAdres = new Map<string, Set<string>>();
    for (const s of w.signalen) partnersPerAdres.set(s.adresId, (partnersPerAdres.get(s.adresId) ?? new Set()).add(s.partner));
    expect(partnersPerAdres.size / w.adressen.length).toBeLessThan(0.08);
    const overlapping = [...partnersPerAdres.values()].filter((s) => s.size >= 2).length;
    expect(overlapping).toBeGreaterThanOrEqual(14);
    expect(overlapping / w.adressen.length).toBeLessThan(0.02);
  });
});
