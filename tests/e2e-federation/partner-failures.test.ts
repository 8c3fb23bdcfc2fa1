// One partner fails, over real HTTP: the other partners' data is complete, and every field of the
// failed partner is null with an error at its exact path that names the partner and the failure.
import { describe, expect, it } from 'vitest';
import type { ExecutionResult } from 'graphql';
import { pathsOf, withNulled } from './expected.ts';
import { TIMEOUT_MS, runWithPartnerHanging, runWithPartnerRefusing, runWithPartnerStopped } from './failure-runs.ts';
import { SCENARIO_1_DATA } from './scenario-1.ts';

/** The fields of the scenario 1 view each partner answers. */
const UWV_FIELDS = new Set(['dienstverbanden', 'uwvUitkeringen', 'uwvSignalen']);
const BELASTINGDIENST_FIELDS = new Set(['toeslagen', 'inkomens', 'belastingdienstSignalen']);

type Path = ReadonlyArray<string | number>;
const byPath = (a: { path?: Path }, b: { path?: Path }) => JSON.stringify(a.path).localeCompare(JSON.stringify(b.path));

function errorsOf(result: ExecutionResult) {
  return (result.errors ?? []).map((e) => ({ message: e.message, path: e.path, extensions: e.extensions })).sort(byPath);
}

/** The same error at every path where the failed partner's fields are. */
function expectedErrors(fields: ReadonlySet<string>, error: { message: string; extensions: Record<string, unknown> }) {
  return pathsOf(SCENARIO_1_DATA, fields)
    .map((path) => ({ ...error, path }))
    .sort(byPath);
}

describe('a partner that fails during the scenario 1 combined view (real HTTP)', () => {
  it('a stopped partner: its fields are null with SUBGRAPH_UNAVAILABLE, the rest is complete', async () => {
    const { result, calls } = await runWithPartnerStopped('uwv');
    expect(result.data).toEqual(withNulled(SCENARIO_1_DATA, UWV_FIELDS));
    const errors = expectedErrors(UWV_FIELDS, { message: 'uwv: could not be reached', extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'uwv' } });
    expect(errors).toHaveLength(1 + 2 * 3 + 2 + 2 * 6);
    expect(errorsOf(result)).toEqual(errors);
    expect(calls.filter((c) => c.subgraph === 'uwv')).toEqual([]);
  });

  it('a partner that hangs past the timeout: SUBGRAPH_TIMEOUT at its fields, answered without waiting for it', async () => {
    const { result, calls, answeredBeforePartner } = await runWithPartnerHanging('uwv');
    expect(answeredBeforePartner).toBe(true);
    expect(result.data).toEqual(withNulled(SCENARIO_1_DATA, UWV_FIELDS));
    expect(errorsOf(result)).toEqual(
      expectedErrors(UWV_FIELDS, { message: `uwv: did not answer within ${TIMEOUT_MS} ms`, extensions: { code: 'SUBGRAPH_TIMEOUT', serviceName: 'uwv' } }),
    );
    // UWV was asked at both levels (the address and the men, then the residents and Dennis).
    expect(calls.filter((c) => c.subgraph === 'uwv')).toHaveLength(2);
  }, 20_000);

  it('a partner that refuses with HTTP 500: errors at its fields only, the rest is complete', async () => {
    const { result } = await runWithPartnerRefusing('belastingdienst');
    expect(result.data).toEqual(withNulled(SCENARIO_1_DATA, BELASTINGDIENST_FIELDS));
    const errors = errorsOf(result);
    expect(errors.map((e) => ({ path: e.path, serviceName: e.extensions.serviceName }))).toEqual(
      pathsOf(SCENARIO_1_DATA, BELASTINGDIENST_FIELDS)
        .map((path) => ({ path, serviceName: 'belastingdienst' }))
        .sort(byPath),
    );
  });
});
