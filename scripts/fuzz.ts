/**
 * `npm run fuzz -- --cases N --seed S`: the privacy property of tests/fuzz on N generated requests
 * (default 2000) from seed S (default: a new one, printed, so that a failure can be replayed).
 */
import { parseArgs } from 'node:util';
import { checkPrivacyProperty } from '../tests/fuzz/privacy-property.ts';

const USAGE = 'usage: npm run fuzz -- [--cases N] [--seed S]';

function wholeNumber(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) {
    console.error(`--${name} must be a whole number; got ${JSON.stringify(value)}\n${USAGE}`);
    process.exit(2);
  }
  return n;
}

let values: { cases?: string; seed?: string };
try {
  ({ values } = parseArgs({ options: { cases: { type: 'string' }, seed: { type: 'string' } } }));
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
const cases = wholeNumber('cases', values.cases, 2000);
const seed = wholeNumber('seed', values.seed, Math.floor(Math.random() * 2 ** 31));
console.log(`privacy property: ${cases} cases, seed ${seed}`);
const started = Date.now();
try {
  const summary = await checkPrivacyProperty({
    cases,
    seed,
    onCase: (i) => {
      if (i % 100 === 0) console.log(`  ${i} cases (${Math.round((Date.now() - started) / 1000)} s)`);
    },
  });
  console.log(`ok: ${JSON.stringify(summary)} in ${Math.round((Date.now() - started) / 1000)} s`);
} catch (error) {
  console.error((error as Error).message);
  const cause = (error as Error).cause;
  if (cause instanceof Error) console.error(cause.message);
  console.error(`replay with: npm run fuzz -- --cases ${cases} --seed ${seed}`);
  process.exit(1);
}
