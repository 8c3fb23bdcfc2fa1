/**
 * Workload 2's contenders over one partners process. The expected answer of each is what it
 * answers once its state is settled (the policy's answer depends on what the analyst asked
 * before): the third answer, which must equal the second. Policy on and off give different
 * answers by design (denials and minimised values).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import pg from 'pg';
import { DOELPOORT_NODE_ARGS, startChild, type Child } from '../lib/child.ts';
import type { Contender } from '../lib/contender.ts';
import { startPartners } from '../lib/partners.ts';
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

export async function onDatabase(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh schema of the database (dropped by the returned function), and the URL that uses it. */
export async function scratchSchema(databaseUrl: string, name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const schema = `${name}_${process.pid}`;
  await onDatabase(databaseUrl, `CREATE SCHEMA ${schema}`);
  return {
    url: `${databaseUrl}${databaseUrl.includes('?') ? '&' : '?'}options=-c%20search_path%3D${schema}`,
    drop: () => onDatabase(databaseUrl, `DROP SCHEMA IF EXISTS ${schema} CASCADE`),
  };
}

/** The partners' process and the data folder (shared keys) that the run's workload-2 gateways use. */
export interface Workload2World {
  dataDir: string;
  partners: Child;
  /** Environment for a gateway child of this world. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

export async function startWorkload2World(): Promise<Workload2World> {
  const dataDir = await mkdtemp(join(tmpdir(), 'doelpoort-bench-w2-'));
  const partners = await startPartners(dataDir);
  return {
    dataDir,
    partners,
    env: { BENCH_DATA_DIR: dataDir, BENCH_PARTNERS: JSON.stringify(partners.info['partners']) },
    async stop() {
      partners.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A contender of one gateway child, with its settled answer. */
export async function gatewayContender(label: string, script: string, env: Record<string, string>): Promise<Contender> {
  const child = await startChild(label, script, env, DOELPOORT_NODE_ARGS);
  const url = child.info['url'] as string;
  const headers = child.info['headers'] as Record<string, string>;
  const body = JSON.stringify({ query: QUERY });
  try {
    return { label, peer: false, children: [child], target: { url, headers, body, expected: await settledAnswer(url, headers, body) } };
  } catch (error) {
    child.stop();
    throw error;
  }
}

export const LABELS = {
  off: 'Doelpoort, policy + audit off',
  pglite: 'Doelpoort, policy + audit on (PGlite)',
  postgres: 'Doelpoort, policy + audit on (PostgreSQL)',
} as const;

/**
 * Policy on (PGlite), policy off and, with `databaseUrl` (a fresh schema), policy on PostgreSQL
 * (production runs on PostgreSQL; PGlite runs its WASM inside the gateway's process).
 */
export async function workload2Contenders(world: Workload2World, databaseUrl?: string): Promise<Contender[]> {
  const contenders: Contender[] = [];
  try {
    contenders.push(await gatewayContender(LABELS.pglite, 'bench/workload2/product.ts', world.env));
    contenders.push(await gatewayContender(LABELS.off, 'bench/workload2/product-off.ts', world.env));
    if (databaseUrl) contenders.push(await gatewayContender(LABELS.postgres, 'bench/workload2/product.ts', { ...world.env, BENCH_DATABASE_URL: databaseUrl }));
    return contenders;
  } catch (error) {
    for (const c of contenders) for (const child of c.children) child.stop();
    throw error;
  }
}
