// What each real partner is asked for the scenario 1 combined view: one `_entities` call per partner
// per level, distinct representations, partners of one level in flight together, and nothing the
// policy withheld.
import { describe, expect, it } from 'vitest';
import { parse, print } from 'graphql';
import type { Decision, Policy } from '../../gateway/policy/types.ts';
import { defaultWorld } from '../../subgraphs/world/index.ts';
import { createInProcessWorldGateway, type PartnerCall } from '../helpers/world-gateway.ts';
import { withValuesAt } from './expected.ts';
import { MEIDOORNWEG_27 } from './scenarios-2-to-4.ts';
import { ESMEE, SCENARIO_1_DATA, SCENARIO_1_QUERY, ZES_MANNEN } from './scenario-1.ts';

const persoon = (bsn: string) => ({ __typename: 'Persoon', bsn });
const HAZELAARSTRAAT_14 = [{ __typename: 'Adres', adresId: '9999200000900001' }];
const MANNEN = Object.values(ZES_MANNEN).map(persoon);
const DENNIS = '999990032';
const NOAH = '999990019';
const LOTTE = '999990020';
/** Level 2: the employer's owner and the registered residents, asked with one selection (in the order the plans reached them). */
const BEWONERS_EN_DENNIS = [DENNIS, ESMEE, NOAH, LOTTE].map(persoon);

const variablesOf = (calls: PartnerCall[]) => calls.map((c) => c.variables);

/** A policy that denies the given coordinates for one person and allows everything else. */
function denyFor(bsn: string, coordinates: string[]): Policy {
  const deny: Decision = { outcome: 'deny', principle: 'proportionaliteit', rule: 'test.deny', reason: 'Needs overlapping signals from two partners; this address has one.' };
  const allow: Decision = { outcome: 'allow', rule: 'test.allow' };
  return {
    async decide(question) {
      return { decisions: question.entities.map((e) => question.fields.map((f) => (e.subjectId === bsn && coordinates.includes(f.coordinate) ? deny : allow))) };
    },
  };
}

/** The `_entities` aliases of a call: the representations each gets and the fields it selects. */
function aliasesOf(call: PartnerCall): { representations: unknown; fields: string[] }[] {
  const operation = parse(call.query).definitions[0]!;
  if (operation.kind !== 'OperationDefinition') throw new Error('not an operation');
  return operation.selectionSet.selections.map((selection) => {
    if (selection.kind !== 'Field' || selection.arguments?.[0]?.value.kind !== 'Variable') throw new Error(`unexpected selection ${print(selection)}`);
    const fragment = selection.selectionSet!.selections[0]!;
    if (fragment.kind !== 'InlineFragment') throw new Error('expected an inline fragment');
    return {
      representations: call.variables[selection.arguments[0].value.name.value],
      fields: fragment.selectionSet.selections.flatMap((s) => (s.kind === 'Field' && s.name.value !== '__typename' ? [s.name.value] : [])),
    };
  });
}

describe('partner calls of the scenario 1 combined view', () => {
  it('asks each partner once per level, with each representation once', async () => {
    const gateway = createInProcessWorldGateway(defaultWorld());
    const { result } = await gateway.run(SCENARIO_1_QUERY);
    expect(result).toEqual({ data: SCENARIO_1_DATA });

    // The root fields: the address from the BAG, the six men (references by BSN) from the BRP, at the same time.
    const rootCalls = gateway.calls.filter((c) => !c.query.includes('_entities'));
    expect(rootCalls.map((c) => [c.subgraph, c.variables]).sort()).toEqual([
      ['bag', {}],
      ['brp', {}],
    ]);
    // Level 1: the address and the six men; level 2: the residents and Dennis (Esmee again as the
    // tenant, with another selection); level 3: the children SVB pays child benefit for.
    const level1 = { r0: HAZELAARSTRAAT_14, r1: MANNEN };
    const level2 = { r0: BEWONERS_EN_DENNIS };
    const entitiesCalls = (subgraph: string) => gateway.callsTo(subgraph).filter((c) => c.query.includes('_entities'));
    expect(variablesOf(entitiesCalls('brp'))).toEqual([level1, { r0: [persoon(ESMEE)], r1: BEWONERS_EN_DENNIS }, { r0: [persoon(NOAH), persoon(LOTTE)] }]);
    expect(variablesOf(entitiesCalls('woningcorporatie'))).toEqual([{ r0: HAZELAARSTRAAT_14 }]);
    expect(variablesOf(entitiesCalls('wijkteam'))).toEqual([{ r0: MANNEN }, level2]);
    for (const subgraph of ['bag', 'sociale-dienst', 'uwv', 'belastingdienst', 'svb', 'arbeidsinspectie', 'ind', 'politie', 'rdw', 'inlichtingenbureau']) {
      expect({ subgraph, variables: variablesOf(entitiesCalls(subgraph)) }).toEqual({ subgraph, variables: [level1, level2] });
    }
    expect(gateway.calls).toHaveLength(2 + 3 + 1 + 2 + 10 * 2);
  });

  it('asks the partners of one level in parallel', async () => {
    const gateway = createInProcessWorldGateway(defaultWorld());
    await gateway.run(SCENARIO_1_QUERY);
    // Level 1 asks all 13 partners; every one of those calls is in flight before any has answered.
    expect(gateway.maxInFlight()).toBe(13);
    const level1 = gateway.calls.slice(2, 15);
    expect(new Set(level1.map((c) => c.subgraph)).size).toBe(13);
    expect(level1.map((c) => c.inFlightAtStart)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    const lastStart = Math.max(...level1.map((c) => c.startedAt));
    expect(level1.every((c) => c.endedAt >= lastStart)).toBe(true);
  });

  it('asks for a person once when the same selection reaches them by two paths (owner and resident)', async () => {
    const gateway = createInProcessWorldGateway(defaultWorld());
    const { result } = await gateway.run(MEIDOORNWEG_27.query);
    expect(result).toEqual({ data: MEIDOORNWEG_27.data });
    const level2 = gateway.callsTo('svb').filter((c) => c.query.includes('on Persoon'));
    expect(variablesOf(level2)).toEqual([{ r0: [persoon('999990317'), persoon('999990329')] }]);
  });
});

describe('fields the policy withheld are never asked for', () => {
  it('leaves a denied field out of the partner call for that person only, and explains the null', async () => {
    const gateway = createInProcessWorldGateway(defaultWorld(), { policy: denyFor(ESMEE, ['Persoon.toeslagen']) });
    const { result } = await gateway.run(SCENARIO_1_QUERY);

    const [level1, level2, ...rest] = gateway.callsTo('belastingdienst');
    expect(rest).toEqual([]);
    expect(aliasesOf(level1!)).toEqual([
      { representations: HAZELAARSTRAAT_14, fields: ['belastingdienstSignalen'] },
      { representations: MANNEN, fields: ['toeslagen', 'inkomens'] },
    ]);
    expect(aliasesOf(level2!)).toEqual([
      { representations: [DENNIS, NOAH, LOTTE].map(persoon), fields: ['toeslagen', 'inkomens'] },
      { representations: [persoon(ESMEE)], fields: ['inkomens'] },
    ]);

    expect(result.data).toEqual(withValuesAt(SCENARIO_1_DATA, [[['adres', 'bewoners', 0, 'toeslagen'], null]]));
    expect(result.errors?.map((e) => ({ message: e.message, path: e.path, extensions: e.extensions }))).toEqual([
      {
        message: 'Access to Persoon.toeslagen was denied (proportionaliteit): Needs overlapping signals from two partners; this address has one.',
        path: ['adres', 'bewoners', 0, 'toeslagen'],
        extensions: {
          code: 'FIELD_DENIED',
          coordinate: 'Persoon.toeslagen',
          owner: 'belastingdienst',
          principle: 'proportionaliteit',
          rule: 'test.deny',
          reason: 'Needs overlapping signals from two partners; this address has one.',
        },
      },
    ]);
  });

  it('does not send a person to a partner whose every asked field was denied for them', async () => {
    const gateway = createInProcessWorldGateway(defaultWorld(), { policy: denyFor(ESMEE, ['Persoon.toeslagen', 'Persoon.inkomens']) });
    const { result } = await gateway.run(SCENARIO_1_QUERY);
    expect(result.data).toEqual(
      withValuesAt(SCENARIO_1_DATA, [
        [['adres', 'bewoners', 0, 'toeslagen'], null],
        [['adres', 'bewoners', 0, 'inkomens'], null],
      ]),
    );
    const asked = gateway.callsTo('belastingdienst').flatMap((c) => Object.values(c.variables).flat());
    expect(asked).not.toContainEqual(persoon(ESMEE));
    expect(variablesOf(gateway.callsTo('belastingdienst'))).toEqual([{ r0: HAZELAARSTRAAT_14, r1: MANNEN }, { r0: [DENNIS, NOAH, LOTTE].map(persoon) }]);
    expect(result.errors?.map((e) => [e.path, e.extensions.code])).toEqual([
      [['adres', 'bewoners', 0, 'toeslagen'], 'FIELD_DENIED'],
      [['adres', 'bewoners', 0, 'inkomens'], 'FIELD_DENIED'],
    ]);
  });
});
