/** The indication about the subject's address, counted over the project's participants only. */
import type { EntityFacts } from '../facts.ts';
import { indicationWeight, type Weight } from '../weight.ts';
import type { RequestClearance } from './context.ts';

export interface AddressIndication {
  weight: Weight;
  /** Distinct participating partners with signals on the address. */
  partners: number;
  /** "this address" or "this person's address", for reasons. */
  subject: string;
}

export function addressIndication(entity: EntityFacts, clearance: RequestClearance): AddressIndication {
  const { participants, selectionThreshold } = clearance.project;
  const partners = new Set(entity.signals.partners.filter((partner) => participants.includes(partner))).size;
  return {
    weight: indicationWeight({ signallingPartners: partners, documentedSuspicion: entity.documentedSuspicion }, selectionThreshold),
    partners,
    subject: entity.kind === 'address' ? 'this address' : "this person's address",
  };
}
