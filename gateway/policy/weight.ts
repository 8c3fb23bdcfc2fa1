/**
 * The weight of the indication about an address, from least to most. "overlapping-signals" is the
 * LSI selection threshold: signals from at least the project's threshold of distinct partners.
 */

export const WEIGHTS = ['none', 'one-signal', 'overlapping-signals', 'documented-suspicion'] as const;
export type Weight = (typeof WEIGHTS)[number];

export interface Indication {
  /** Distinct partners with signals on the address. */
  signallingPartners: number;
  /** A finding recorded in the address's case. */
  documentedSuspicion: boolean;
}

export function indicationWeight(indication: Indication, selectionThreshold: number): Weight {
  if (indication.documentedSuspicion) return 'documented-suspicion';
  if (indication.signallingPartners >= selectionThreshold) return 'overlapping-signals';
  if (indication.signallingPartners > 0) return 'one-signal';
  return 'none';
}

export function weighsAtLeast(weight: Weight, needed: Weight): boolean {
  return WEIGHTS.indexOf(weight) >= WEIGHTS.indexOf(needed);
}
