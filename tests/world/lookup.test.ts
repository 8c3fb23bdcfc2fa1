import { describe, expect, it } from 'vitest';
import {
  adresKey,
  coversDate,
  defaultWorld,
  defaultWorldIndex,
  indexWorld,
  SCENARIO_ADRES,
  SCENARIO_BSN,
  SCENARIO_WERKGEVER,
  type World,
} from '../../subgraphs/world/index.ts';

const index = defaultWorldIndex();

describe('adresKey', () => {
  it('ignores spaces and case in the postcode and case in letter and addition', () => {
    expect(adresKey('5971 za', 14)).toBe('5971ZA|14||');
    expect(adresKey('5971ZA', 14, 'a', 'bis')).toBe('5971ZA|14|A|BIS');
    expect(adresKey('5971ZA', 14, null, null)).toBe(adresKey('5971za', 14));
  });
});

describe('coversDate', () => {
  it('includes both the first and the last day', () => {
    const v = { adresId: 'x', datumAanvang: '2020-01-01', datumEinde: '2020-12-31' };
    expect([coversDate(v, '2019-12-31'), coversDate(v, '2020-01-01'), coversDate(v, '2020-12-31'), coversDate(v, '2021-01-01')]).toEqual([false, true, true, false]);
    expect(coversDate({ ...v, datumEinde: null }, '2030-01-01')).toBe(true);
  });
});

describe('indexWorld', () => {
  it('is built once for the default world', () => {
    expect(defaultWorldIndex()).toBe(index);
    expect(index.world).toBe(defaultWorld());
  });

  it('finds every address by id and by its postcode key', () => {
    for (const a of index.world.adressen) {
      expect(index.adresById.get(a.adresId)).toBe(a);
      expect(index.adresByKey.get(adresKey(a.postcode, a.huisnummer, a.huisletter, a.huisnummertoevoeging))).toBe(a);
    }
  });

  it('answers residents on a date from the registration history', () => {
    expect(index.bewonersOp(SCENARIO_ADRES.studioDeGroot, '2025-01-31')).toEqual([]);
    expect(index.bewonersOp(SCENARIO_ADRES.studioDeGroot, '2025-02-01').map((p) => p.bsn)).toEqual([SCENARIO_BSN.markDeGroot]);
    expect(index.registratiesByAdres.get(SCENARIO_ADRES.gezinJansen)!.map((r) => r.persoon.bsn)).toContain(SCENARIO_BSN.markDeGroot);
    expect(index.bewonersOp('9999209999999999')).toEqual([]);
  });

  it('answers where a person is registered, or null', () => {
    expect(index.inschrijvingOp(SCENARIO_BSN.markDeGroot, '2020-01-01')!.adresId).toBe(SCENARIO_ADRES.gezinJansen);
    expect(index.inschrijvingOp(SCENARIO_BSN.markDeGroot)!.adresId).toBe(SCENARIO_ADRES.studioDeGroot);
    expect(index.inschrijvingOp(SCENARIO_BSN.andreiIonescu)).toBeNull();
    expect(index.inschrijvingOp('999999999')).toBeNull();
  });

  it('groups records by person, address and employer', () => {
    expect(index.kinderenByOuder.get(SCENARIO_BSN.esmeeVerhoeven)!.map((p) => p.voornamen)).toEqual(['Noah', 'Lotte']);
    expect(index.byWerkgever.dienstverbanden.get(SCENARIO_WERKGEVER.kraaijeveldLogistiek)).toHaveLength(6);
    expect(index.byWerkgever.loonbevindingen.get(SCENARIO_WERKGEVER.kraaijeveldLogistiek)).toHaveLength(6);
    expect(index.byBsn.voertuigen.get(SCENARIO_BSN.dennisKraaijeveld)!.map((v) => v.kenteken)).toEqual(['ZB-017-K']);
    expect(index.byBsn.ibSignalen.get(SCENARIO_BSN.yvonneKok)!.map((s) => s.id)).toEqual(['IB-9001']);
    expect(index.byAdres.corporatieMeldingen.get(SCENARIO_ADRES.gezinswoning)!.map((m) => m.id)).toEqual(['WC-M-9001']);
    expect(index.byAdres.politieRegistraties.get(SCENARIO_ADRES.zorgWouters)!.map((m) => m.id)).toEqual(['POL-9003']);
    expect(index.byAdres.burgermeldingen.get(SCENARIO_ADRES.bureauKok)!.map((m) => m.id)).toEqual(['SD-M-9002']);
    expect(index.adressenByWijk.get('WK999901')!.length + index.adressenByWijk.get('WK999902')!.length
      + index.adressenByWijk.get('WK999903')!.length + index.adressenByWijk.get('WK999904')!.length).toBe(index.world.adressen.length);
  });

  it('refuses a world with a duplicate key, without printing a BSN', () => {
    const world = defaultWorld();
    const persoon = world.personen[0]!;
    const broken: World = { ...world, personen: [...world.personen, persoon] };
    expect(() => indexWorld(broken)).toThrow(/^duplicate BSN in world$/);
  });
});
