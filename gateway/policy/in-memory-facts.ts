/**
 * A FactsProvider over records held in memory: for tests and the demo world. The audit store
 * provides the database-backed one (cases and consulted tiers from the audit history).
 */
import type { Tier } from '../../schema/classification.ts';
import type { AddressSignal, RegisteredAddress, RegisteredPerson } from './register-records.ts';
import { addressInArea, registrationOn } from './area.ts';
import type { EntityFacts, FactsProvider, FactsQuery } from './facts.ts';
import { chooseLink, earlierRegistrations, type ScopeLink } from './links.ts';
import type { EntityQuestion } from './types.ts';

/** A case opened on a selected address in a project. */
export interface CaseRecord {
  id: string;
  project: string;
  adresId: string;
  open: boolean;
  documentedSuspicion: boolean;
  /** Tiers consulted in the case so far (the audit history). */
  consultedTiers: Tier[];
}

export interface FactsRecords {
  addresses: readonly RegisteredAddress[];
  persons: readonly RegisteredPerson[];
  signals: ReadonlyArray<Omit<AddressSignal, 'id'>>;
  cases: readonly CaseRecord[];
  /** The partners' records that tie persons to addresses other than their registration (ownership, employers, visits). */
  links?: ReadonlyArray<ScopeLink & { bsn: string }>;
}

export function createInMemoryFacts(records: FactsRecords): FactsProvider {
  const addresses = new Map(records.addresses.map((a) => [a.adresId, a]));
  const persons = new Map(records.persons.map((p) => [p.bsn, p]));

  function addressFacts(adresId: string | null, query: FactsQuery): Omit<EntityFacts, 'kind' | 'subjectId' | 'secrecy'> {
    const address = adresId === null ? undefined : addresses.get(adresId);
    if (!address || !addressInArea(address, query.project.area)) {
      return { inScope: false, addressId: adresId, signals: { partners: [], kinds: [] }, documentedSuspicion: false, caseId: null, consultedTiers: [] };
    }
    const signals = records.signals.filter((s) => s.adresId === address.adresId && s.datum <= query.today);
    const openCase = records.cases.find((c) => c.open && c.project === query.project.id && c.adresId === address.adresId);
    return {
      inScope: true,
      addressId: address.adresId,
      signals: { partners: signals.map((s) => s.partner), kinds: signals.map((s) => s.soort) },
      documentedSuspicion: openCase?.documentedSuspicion ?? false,
      caseId: openCase?.id ?? null,
      consultedTiers: openCase?.consultedTiers ?? [],
    };
  }

  function factsOf(entity: EntityQuestion, query: FactsQuery): EntityFacts {
    if (entity.kind === 'address') {
      return { kind: 'address', subjectId: entity.subjectId, secrecy: null, ...addressFacts(entity.subjectId, query) };
    }
    const person = persons.get(entity.subjectId);
    const registration = person && registrationOn(person.verblijfplaatsen, query.referenceDate);
    const registered = addressFacts(registration?.adresId ?? null, query);
    const secrecy = person ? person.geheimhouding : null;
    if (!person || registered.inScope) return { kind: 'person', subjectId: entity.subjectId, secrecy, ...registered };
    const candidates = [
      ...earlierRegistrations(person.verblijfplaatsen, query.project.period, query.referenceDate),
      ...(records.links ?? []).filter((link) => link.bsn === person.bsn).map(({ bsn: _bsn, ...link }) => link),
    ];
    const link = chooseLink(candidates, (adresId) => addressFacts(adresId, query));
    if (!link) return { kind: 'person', subjectId: entity.subjectId, secrecy, ...registered };
    return { kind: 'person', subjectId: entity.subjectId, secrecy, ...addressFacts(link.addressId, query), link };
  }

  return {
    async load(entities, query) {
      return entities.map((entity) => factsOf(entity, query));
    },
  };
}
