/**
 * The child process of `startProductProcess`: `npm start`'s run (scripts/run-doelpoort.ts) on a
 * clock pinned to the day given as the first argument, so that the product's outcomes do not
 * depend on the real date. Further arguments go to the configuration, as with `npm start`.
 */
import { runDoelpoort } from '../../scripts/run-doelpoort.ts';
import { testClock } from './test-clock.ts';

const [day, ...argv] = process.argv.slice(2);
if (day === undefined) throw new Error('product-process-main: give the day to run on (YYYY-MM-DD) as the first argument');
runDoelpoort(argv, { now: testClock(day).now });
