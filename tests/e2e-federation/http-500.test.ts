// A partner that answers non-2xx with a GraphQL error body has failed: SUBGRAPH_HTTP_ERROR at every
// one of its fields (so the circuit breaker counts it as a failure), and its own message is not passed on.
import { describe, expect, it } from 'vitest';
import { pathsOf } from './expected.ts';
import { runWithPartnerRefusing } from './failure-runs.ts';
import { SCENARIO_1_DATA } from './scenario-1.ts';

describe('a partner that refuses with HTTP 500 ', () => {
  it('is reported as an HTTP error at every one of its fields', async () => {
    const { result } = await runWithPartnerRefusing('belastingdienst');
    const byPath = (a: { path?: unknown }, b: { path?: unknown }) => JSON.stringify(a.path).localeCompare(JSON.stringify(b.path));
    expect((result.errors ?? []).map((e) => ({ message: e.message, path: e.path, extensions: e.extensions })).sort(byPath)).toEqual(
      pathsOf(SCENARIO_1_DATA, new Set(['toeslagen', 'inkomens', 'belastingdienstSignalen']))
        .map((path) => ({ message: 'belastingdienst: answered with HTTP 500', path, extensions: { code: 'SUBGRAPH_HTTP_ERROR', serviceName: 'belastingdienst' } }))
        .sort(byPath),
    );
  });
});
