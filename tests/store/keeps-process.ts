/**
 * Run as a child by pglite-thread.test.ts: opens a memory store, awaits one query with nothing
 * else keeping the process alive, prints its rows and ends WITHOUT closing the store.
 */
import { openPglite } from '../../gateway/store/pglite.ts';

const db = await openPglite('memory');
// The sleep makes the query outlast the turn of the event loop in which it was sent.
const { rows } = await db.query<{ answer: number }>('SELECT 42::bigint AS answer FROM pg_sleep(0.3)');
process.stdout.write(`${JSON.stringify(rows)}\n`);
