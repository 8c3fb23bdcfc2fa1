/**
 * Persons linked to a selected address (the scope principle, docs/policy.md "Linked persons"). A
 * person who is not registered in the project's area on the reference date is still in scope
 * through a partner's record that ties them to an in-area address with an open case in the
 * project: found living there at a home visit, its owner, the owner of the employer that houses
 * its occupants, or registered there earlier in the project period. The decision then rests on
 * that address (its signals, case and consulted tiers) and its record names the link.
 */
import type { Registration } from './register-records.ts';
import type { Project } from './schemas.ts';

export const LINK_KINDS = ['aangetroffen-bij-huisbezoek', 'eerder-ingeschreven', 'eigenaar', 'werkgever-van-bewoners'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

/** A partner's record that ties a person to an address. */
export interface ScopeLink {
  kind: LinkKind;
  /** The address the record ties the person to. */
  addressId: string;
  /** Whose record it is: a partner, or `project` for a home visit recorded in the case. */
  partner: string;
  /** Which record, in words a privacy officer can follow to the partner's own files (no BSN). */
  record: string;
}

/** What the facts know about a candidate address: in the area, and its open case in the project. */
export interface LinkedAddress {
  inScope: boolean;
  caseId: string | null;
}

/** The registrations at other addresses that overlap the project period up to the reference date. */
export function earlierRegistrations(
  registrations: readonly Registration[],
  period: Project['period'],
  referenceDate: string,
): ScopeLink[] {
  return registrations
    .filter((r) => r.datumAanvang <= referenceDate && (r.datumEinde === null || r.datumEinde >= period.from))
    .map((r) => ({
      kind: 'eerder-ingeschreven',
      addressId: r.adresId,
      partner: 'brp',
      record: `verblijfplaats vanaf ${r.datumAanvang}${r.datumEinde ? ` tot en met ${r.datumEinde}` : ''}`,
    }));
}

/** The first link, in LINK_KINDS order, to an in-area address that is selected (has an open case); none otherwise. */
export function chooseLink(candidates: readonly ScopeLink[], addressFacts: (addressId: string) => LinkedAddress | undefined): ScopeLink | null {
  const ordered = [...candidates].sort((a, b) => LINK_KINDS.indexOf(a.kind) - LINK_KINDS.indexOf(b.kind));
  return (
    ordered.find((link) => {
      const facts = addressFacts(link.addressId);
      return facts !== undefined && facts.inScope && facts.caseId !== null;
    }) ?? null
  );
}
