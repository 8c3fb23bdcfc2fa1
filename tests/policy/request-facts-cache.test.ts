import { describe, expect, it } from 'vitest';
import type { EntityFacts, FactsProvider, FactsQuery } from '../../gateway/policy/facts.ts';
import { cachePerRequest } from '../../gateway/policy/request-facts-cache.ts';
import type { EntityQuestion } from '../../gateway/policy/types.ts';

const person = (id: string): EntityQuestion => ({ typename: 'Persoon', kind: 'person', subjectId: id, path: [] });
const facts = (id: string): EntityFacts => ({
  kind: 'person', subjectId: id, inScope: true, addressId: 'a1', signals: { partners: [], kinds: [] },
  documentedSuspicion: false, caseId: null, consultedTiers: [], secrecy: false,
});

function counting(): { provider: FactsProvider; asked: string[][] } {
  const asked: string[][] = [];
  return { asked, provider: { async load(entities) { asked.push(entities.map((e) => e.subjectId)); return entities.map((e) => facts(e.subjectId)); } } };
}

describe('facts cached per request', () => {
  it('loads each subject once per request, and again for another request', async () => {
    const { provider, asked } = counting();
    const cached = cachePerRequest(provider);
    const request = {} as FactsQuery['request'];
    const query = { request } as FactsQuery;
    expect((await cached.load([person('1'), person('2')], query)).map((f) => f.subjectId)).toEqual(['1', '2']);
    expect((await cached.load([person('2'), person('3'), person('3')], query)).map((f) => f.subjectId)).toEqual(['2', '3', '3']);
    await cached.load([person('1')], { request: {} } as FactsQuery);
    expect(asked).toEqual([['1', '2'], ['3'], ['1']]);
  });

  it('fails every subject of a failed load, and keeps failing within the request', async () => {
    let calls = 0;
    const cached = cachePerRequest({ async load() { calls++; throw new Error('store down'); } });
    const query = { request: {} } as FactsQuery;
    await expect(cached.load([person('1')], query)).rejects.toThrow('store down');
    await expect(cached.load([person('1')], query)).rejects.toThrow('store down');
    expect(calls).toBe(1);
  });
});
