import { describe, expect, it } from 'vitest';
import { chooseLink, earlierRegistrations, type ScopeLink } from '../../gateway/policy/links.ts';

const PERIOD = { from: '2026-01-01', to: '2026-12-31' };
const SELECTED = '9999200000900001';
const UNSELECTED = '9999200000900014';
const OUTSIDE = '9999200000900016';

const facts = (id: string) =>
  ({ [SELECTED]: { inScope: true, caseId: 'zaak-1' }, [UNSELECTED]: { inScope: true, caseId: null }, [OUTSIDE]: { inScope: false, caseId: null } })[id];

const link = (kind: ScopeLink['kind'], addressId: string): ScopeLink => ({ kind, addressId, partner: 'p', record: `${kind} ${addressId}` });

describe('earlierRegistrations', () => {
  it('gives the registrations that overlap the project period up to the reference date, and no others', () => {
    const registrations = [
      { adresId: 'ended-before-period', datumAanvang: '2010-01-01', datumEinde: '2025-12-31' },
      { adresId: SELECTED, datumAanvang: '2016-03-01', datumEinde: '2026-01-01' },
      { adresId: OUTSIDE, datumAanvang: '2026-01-02', datumEinde: null },
      { adresId: 'after-reference-date', datumAanvang: '2026-11-02', datumEinde: null },
    ];
    expect(earlierRegistrations(registrations, PERIOD, '2026-11-01')).toEqual([
      { kind: 'eerder-ingeschreven', addressId: SELECTED, partner: 'brp', record: 'verblijfplaats vanaf 2016-03-01 tot en met 2026-01-01' },
      { kind: 'eerder-ingeschreven', addressId: OUTSIDE, partner: 'brp', record: 'verblijfplaats vanaf 2026-01-02' },
    ]);
  });
});

describe('chooseLink', () => {
  it('links only to an in-area address with an open case', () => {
    expect(chooseLink([link('eigenaar', UNSELECTED), link('eigenaar', OUTSIDE), link('eigenaar', 'unknown')], facts)).toBeNull();
    expect(chooseLink([link('eigenaar', UNSELECTED), link('eigenaar', SELECTED)], facts)).toEqual(link('eigenaar', SELECTED));
  });

  it('prefers a visit, then an earlier registration, then ownership, then the employer', () => {
    const all = [link('werkgever-van-bewoners', SELECTED), link('eigenaar', SELECTED), link('eerder-ingeschreven', SELECTED), link('aangetroffen-bij-huisbezoek', SELECTED)];
    expect(chooseLink(all, facts)?.kind).toBe('aangetroffen-bij-huisbezoek');
    expect(chooseLink(all.slice(0, 3), facts)?.kind).toBe('eerder-ingeschreven');
    expect(chooseLink(all.slice(0, 2), facts)?.kind).toBe('eigenaar');
    expect(chooseLink([link('aangetroffen-bij-huisbezoek', UNSELECTED), ...all.slice(0, 1)], facts)?.kind).toBe('werkgever-van-bewoners');
  });
});
