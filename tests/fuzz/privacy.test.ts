/**
 * The privacy property (tests/fuzz/privacy-property.ts) on 500 generated requests with a fixed
 * seed, so that every run of `npm test` checks the same cases. `npm run fuzz -- --cases N --seed S`
 * runs it longer, or on other cases.
 */
import { expect, it } from 'vitest';
import { checkPrivacyProperty } from './privacy-property.ts';

it('500 generated queries × contexts: every release decided and recorded, no denied field asked of a partner, one outcome for every shape, no value in an error, no 500', async () => {
  const summary = await checkPrivacyProperty({ cases: 500, seed: 20261202 });
  expect(summary.cases).toBe(500);
  // The run must exercise both sides of the property, not only refusals.
  expect(summary.answered).toBeGreaterThan(300);
  expect(summary.released).toBeGreaterThan(0);
  expect(summary.denied).toBeGreaterThan(0);
}, 600_000);
