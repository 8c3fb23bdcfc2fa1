// No error message of the end-to-end runs carries a BSN (or any other nine-digit run), even when a
// partner writes one into its own error.
import { describe, expect, it } from 'vitest';
import type { ExecutionResult } from 'graphql';
import type { Decision, Policy } from '../../gateway/policy/types.ts';
import { defaultWorld } from '../../subgraphs/world/index.ts';
import { createInProcessWorldGateway } from '../helpers/world-gateway.ts';
import { REFUSAL_MESSAGE, runWithPartnerHanging, runWithPartnerRefusing, runWithPartnerStopped } from './failure-runs.ts';
import { SCENARIO_1_QUERY } from './scenario-1.ts';

const NINE_DIGITS = /\d{9}/;

/** Denies every field about a person, so that every resident's every field has an error. */
const denyPersons: Policy = {
  async decide(question) {
    const deny: Decision = { outcome: 'deny', principle: 'scope', rule: 'test.deny-persons', reason: 'The person is not in the project.' };
    const allow: Decision = { outcome: 'allow', rule: 'test.allow' };
    return { decisions: question.entities.map((e) => question.fields.map(() => (e.kind === 'person' ? deny : allow))) };
  },
};

function messagesOf(result: ExecutionResult): string[] {
  return (result.errors ?? []).map((e) => e.message);
}

describe('no nine-digit run in the error messages of the end-to-end runs', () => {
  it('when fields about persons are denied', async () => {
    const { result } = await createInProcessWorldGateway(defaultWorld(), { policy: denyPersons }).run(SCENARIO_1_QUERY);
    const messages = messagesOf(result);
    expect(messages.length).toBeGreaterThan(100);
    expect(messages.filter((m) => NINE_DIGITS.test(m))).toEqual([]);
  });

  it('when a partner is stopped, hangs, or refuses with a message that names a BSN', async () => {
    expect(REFUSAL_MESSAGE).toMatch(NINE_DIGITS);
    const runs = [await runWithPartnerStopped('uwv'), await runWithPartnerHanging('uwv'), await runWithPartnerRefusing('belastingdienst')];
    const messages = runs.map((run) => messagesOf(run.result));
    expect(messages.map((m) => m.length)).toEqual([21, 21, 21]);
    expect(messages.flat().filter((m) => NINE_DIGITS.test(m))).toEqual([]);
    expect(new Set(messages[2])).toEqual(new Set(['belastingdienst: answered with HTTP 500']));
  }, 30_000);
});
