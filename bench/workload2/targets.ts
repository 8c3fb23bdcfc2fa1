/**
 * Workload 2's contenders. The expected answer of each is what it answers once its state is settled
 * (the policy's answer depends on what the analyst asked before): the third answer, which must equal
 * the second. Policy on and off give different answers by design (denials and minimised values).
 */
import { isDeepStrictEqual } from 'node:util';
import { startChild } from '../lib/child.ts';
import type { Contender } from '../run.ts';
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

export async function workload2Targets(): Promise<Contender[]> {
  const body = JSON.stringify({ query: QUERY });
  const spec: [string, string][] = [
    ['Doelpoort, policy + audit on', 'bench/workload2/product.ts'],
    ['Doelpoort, policy + audit off', 'bench/workload2/product-off.ts'],
  ];
  const contenders: Contender[] = [];
  for (const [label, script] of spec) {
    const child = await startChild(label, script, {});
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
