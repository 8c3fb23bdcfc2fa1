import type { Decision, Principle } from '../types.ts';

export type Denial = Extract<Decision, { outcome: 'deny' }>;

export function deny(principle: Principle, rule: string, reason: string): Denial {
  return { outcome: 'deny', principle, rule, reason };
}
