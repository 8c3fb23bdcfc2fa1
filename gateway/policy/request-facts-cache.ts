/**
 * Facts about a subject are loaded once per request: the executor asks the policy once per partner
 * and round, and without this every question would look the same subject up again.
 */
import type { EntityFacts, FactsProvider } from './facts.ts';
import type { EntityQuestion } from './types.ts';

const keyOf = (entity: EntityQuestion) => `${entity.kind}:${entity.subjectId}`;

export function cachePerRequest(provider: FactsProvider): FactsProvider {
  const cache = new WeakMap<object, Map<string, Promise<EntityFacts>>>();
  return {
    async load(entities, query) {
      let known = cache.get(query.request);
      if (!known) cache.set(query.request, (known = new Map()));
      const missing = new Map<string, EntityQuestion>();
      for (const entity of entities) if (!known.has(keyOf(entity))) missing.set(keyOf(entity), entity);
      if (missing.size > 0) {
        const list = [...missing.values()];
        const loading = provider.load(list, query);
        list.forEach((entity, i) => {
          const one = loading.then((facts) => {
            const f = facts[i];
            if (!f || f.subjectId !== entity.subjectId || f.kind !== entity.kind) throw new Error('facts do not match the subjects asked for');
            return f;
          });
          one.catch(() => {});
          known!.set(keyOf(entity), one);
        });
      }
      return Promise.all(entities.map((entity) => known!.get(keyOf(entity))!));
    },
  };
}
