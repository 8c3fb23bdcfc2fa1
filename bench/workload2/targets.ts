/**
 * Workload 2's contenders. The expected answer of each is what it answers once its state is settled
 * (the policy's answer depends on what the analyst asked before): the third answer, which must equal
 * the second. Policy on and off give different answers by design (denials and minimised values).
 */
import { isDeepStrictEqual } from 'node:util';
import pg from 'pg';
import { startChild } from '../lib/child.ts';
import type { Contender } from '../lib/contender.ts';
import { QUERY } from './query.ts';

export async function settledAnswer(url: string, headers: Record<string, string>, body: string): Promise<unknown> {
  const ask = async () => (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body })).json();
  await ask();
  const second = await ask();
  const third = await ask();
  if (!isDeepStrictEqual(second, third)) throw new Error(`${url}: the answer does not settle`);
  const data = (third as { data?: unknown }).data;
  if (!data) throw new Error(`${url}: no data in ${JSON.stringify(third).slice(0, 500)}`);
  return third;
}

async function onDatabase(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const schema = `bench_w2_${process.pid}`;

/**
 * With `databaseUrl`, a third contender keeps its audit and state in that PostgreSQL database, in a
 * fresh schema that `dropWorkload2Schema` removes afterwards (production runs on PostgreSQL; PGlite
 * runs its WASM inside the gateway's process).
 */
export async function workload2Targets(databaseUrl?: string): Promise<Contender[]> {
  const body = JSON.stringify({ query: QUERY });
  const spec: [string, string, Record<string, string>][] = [
    ['Doelpoort, policy + audit on (PGlite)', 'bench/workload2/product.ts', {}],
    ['Doelpoort, policy + audit off', 'bench/workload2/product-off.ts', {}],
  ];
  if (databaseUrl) {
    await onDatabase(databaseUrl, `CREATE SCHEMA ${schema}`);
    const withSchema = `${databaseUrl}${databaseUrl.includes('?') ? '&' : '?'}options=-c%20search_path%3D${schema}`;
    spec.push(['Doelpoort, policy + audit on (PostgreSQL)', 'bench/workload2/product.ts', { BENCH_DATABASE_URL: withSchema }]);
  }
  const contenders: Contender[] = [];
  for (const [label, script, env] of spec) {
    const child = await startChild(label, script, env);
    const url = child.info['url'] as string;
    const headers = child.info['headers'] as Record<string, string>;
    try {
      contenders.push({ label, peer: false, child, target: { url, headers, body, expected: await settledAnswer(url, headers, body) } });
    } catch (error) {
      child.stop();
      for (const c of contenders) c.child.stop();
      throw error;
    }
  }
  return contenders;
}

export async function dropWorkload2Schema(databaseUrl: string): Promise<void> {
  await onDatabase(databaseUrl, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
}
