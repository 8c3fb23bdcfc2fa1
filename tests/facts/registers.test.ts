import { execute, parse, type ExecutionResult } from 'graphql';
import { describe, expect, test } from 'vitest';
import { createPartnerRegisterLookup, type RegisterPartner } from '../../gateway/facts/registers.ts';
import type { SubgraphFetcher, SubgraphRequest } from '../../gateway/executor/subgraph-client.ts';
import { createArbeidsinspectieSubgraph } from '../../subgraphs/arbeidsinspectie/index.ts';
import { createBagSubgraph } from '../../subgraphs/bag/index.ts';
import { createBrpSubgraph } from '../../subgraphs/brp/index.ts';
import type { PartnerSubgraph } from '@doelpoort/subgraph-kit/subgraph';
import { requestedFieldCoordinates } from '@doelpoort/subgraph-kit';
import { defaultWorld, SCENARIO_ADRES, SCENARIO_BSN } from '../../subgraphs/world/index.ts';

const world = defaultWorld();
const SUBGRAPHS: Record<RegisterPartner, PartnerSubgraph> = {
  bag: createBagSubgraph(world),
  brp: createBrpSubgraph(world),
  arbeidsinspectie: createArbeidsinspectieSubgraph(world),
};
const URLS: Record<RegisterPartner, string> = { bag: 'http://bag.test/graphql', brp: 'http://brp.test/graphql', arbeidsinspectie: 'http://arbeidsinspectie.test/graphql' };

interface Call {
  partner: string;
  request: SubgraphRequest;
  headers: Record<string, string> | undefined;
}

/** Executes each call against the partner's real schema, in process, and records it. */
function inProcess(): { fetcher: SubgraphFetcher; calls: Call[] } {
  const calls: Call[] = [];
  const fetcher: SubgraphFetcher = async (url, request, options) => {
    const partner = (Object.keys(URLS) as RegisterPartner[]).find((p) => URLS[p] === url)!;
    calls.push({ partner, request, headers: options.headers });
    const result = (await execute({ schema: SUBGRAPHS[partner].schema, document: parse(request.query), variableValues: request.variables ?? {} })) as ExecutionResult;
    return JSON.parse(JSON.stringify(result));
  };
  return { fetcher, calls };
}

const UNKNOWN_ADRES = '9999209999999999';
const UNKNOWN_BSN = '999999998';

describe('register look-ups against the BAG and BRP subgraphs of the world', () => {
  test('addresses: one _entities call to the BAG; unknown ids are absent', async () => {
    const { fetcher, calls } = inProcess();
    const lookup = createPartnerRegisterLookup({ fetcher, urls: URLS, timeoutMs: 1000 });
    const found = await lookup.addresses([SCENARIO_ADRES.gezinswoning, UNKNOWN_ADRES, SCENARIO_ADRES.kraaijeveld, SCENARIO_ADRES.gezinswoning]);
    expect([...found.entries()]).toEqual([
      [SCENARIO_ADRES.gezinswoning, { postcode: '5971ZA' }],
      [SCENARIO_ADRES.kraaijeveld, { postcode: '5973ZA' }],
    ]);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.partner).toBe('bag');
    expect(calls[0]!.request.variables).toEqual({
      representations: [SCENARIO_ADRES.gezinswoning, UNKNOWN_ADRES, SCENARIO_ADRES.kraaijeveld].map((adresId) => ({ __typename: 'Adres', adresId })),
    });
  });

  test('persons: one _entities call to the BRP with registrations and the secrecy flag; unknown BSNs are absent', async () => {
    const { fetcher, calls } = inProcess();
    const lookup = createPartnerRegisterLookup({ fetcher, urls: URLS, timeoutMs: 1000 });
    const found = await lookup.persons([SCENARIO_BSN.esmeeVerhoeven, SCENARIO_BSN.fatmaYilmaz, SCENARIO_BSN.markDeGroot, SCENARIO_BSN.piotrNowak, UNKNOWN_BSN]);
    expect([...found.entries()]).toEqual([
      [SCENARIO_BSN.esmeeVerhoeven, { secrecy: false, registrations: [{ adresId: SCENARIO_ADRES.gezinswoning, datumAanvang: '2019-08-01', datumEinde: null }] }],
      [SCENARIO_BSN.fatmaYilmaz, { secrecy: true, registrations: [{ adresId: SCENARIO_ADRES.gesplitsteWoning, datumAanvang: '2025-01-20', datumEinde: null }] }],
      [
        SCENARIO_BSN.markDeGroot,
        {
          secrecy: false,
          registrations: [
            { adresId: SCENARIO_ADRES.gezinJansen, datumAanvang: '2016-03-01', datumEinde: '2025-01-31' },
            { adresId: SCENARIO_ADRES.studioDeGroot, datumAanvang: '2025-02-01', datumEinde: null },
          ],
        },
      ],
      [SCENARIO_BSN.piotrNowak, { secrecy: false, registrations: [] }],
    ]);
    expect(calls.map((c) => c.partner)).toEqual(['brp']);
  });

  test('each call carries the headers made for its partner and exactly the coordinates it selects', async () => {
    const { fetcher, calls } = inProcess();
    const asked: [string, readonly string[]][] = [];
    const traces: (string | undefined)[] = [];
    const lookup = createPartnerRegisterLookup({
      fetcher,
      urls: URLS,
      timeoutMs: 1000,
      headers: async (partner, coordinates, traceId) => {
        asked.push([partner, coordinates]);
        traces.push(traceId);
        return { authorization: `Bearer token-for-${partner}` };
      },
    });
    await lookup.addresses([SCENARIO_ADRES.gezinswoning], { traceId: 'a'.repeat(32) });
    await lookup.persons([SCENARIO_BSN.esmeeVerhoeven]);
    expect(traces).toEqual(['a'.repeat(32), undefined]);
    expect(calls.map((c) => c.headers)).toEqual([{ authorization: 'Bearer token-for-bag' }, { authorization: 'Bearer token-for-brp' }]);
    expect(asked).toEqual(
      calls.map((c) => [c.partner, requestedFieldCoordinates(SUBGRAPHS[c.partner as RegisterPartner].schema, parse(c.request.query))]),
    );
    expect(asked.map(([, coordinates]) => coordinates.length)).toEqual([1, 6]);
  });

  test('links: the dwellings a person owns (BAG) and where the employers a person owns house people (Arbeidsinspectie), one call each', async () => {
    const { fetcher, calls } = inProcess();
    const lookup = createPartnerRegisterLookup({ fetcher, urls: URLS, timeoutMs: 1000 });
    const found = await lookup.links!([SCENARIO_BSN.hendrikSchouten, SCENARIO_BSN.dennisKraaijeveld, SCENARIO_BSN.piotrNowak, UNKNOWN_BSN]);
    const owner = (adresId: string) => ({ kind: 'eigenaar', addressId: adresId, partner: 'bag', record: 'eigendom (WOZ) van het adres' });
    expect([...found.entries()]).toEqual([
      [SCENARIO_BSN.hendrikSchouten, [owner(SCENARIO_ADRES.spookpand1), owner(SCENARIO_ADRES.spookpand2), owner(SCENARIO_ADRES.spookpand3), owner(SCENARIO_ADRES.schouten)]],
      [
        SCENARIO_BSN.dennisKraaijeveld,
        [
          owner(SCENARIO_ADRES.kraaijeveld),
          { kind: 'werkgever-van-bewoners', addressId: SCENARIO_ADRES.gezinswoning, partner: 'arbeidsinspectie', record: 'huisvesting door werkgever 899990001L01' },
        ],
      ],
      [SCENARIO_BSN.piotrNowak, []],
      [UNKNOWN_BSN, []],
    ]);
    expect(calls.map((c) => c.partner).sort()).toEqual(['arbeidsinspectie', 'bag']);
  });

  test('no ids, no call', async () => {
    const { fetcher, calls } = inProcess();
    const lookup = createPartnerRegisterLookup({ fetcher, urls: URLS, timeoutMs: 1000 });
    expect(await lookup.addresses([])).toEqual(new Map());
    expect(await lookup.persons([])).toEqual(new Map());
    expect(await lookup.links!([])).toEqual(new Map());
    expect(calls).toEqual([]);
  });

  test('a failed call, errors or data that does not match the query throw (the policy then denies)', async () => {
    const answer = (response: Awaited<ReturnType<SubgraphFetcher>>) => createPartnerRegisterLookup({ fetcher: async () => response, urls: URLS, timeoutMs: 1000 });
    await expect(answer({ failure: { code: 'SUBGRAPH_TIMEOUT', message: 'did not answer within 1000 ms' } }).addresses([UNKNOWN_ADRES])).rejects.toThrow(
      'register look-up: bag did not answer within 1000 ms (SUBGRAPH_TIMEOUT)',
    );
    await expect(answer({ data: null, errors: [{ message: 'boom' }] }).persons([UNKNOWN_BSN])).rejects.toThrow('register look-up: brp answered with 1 error(s)');
    await expect(answer({ data: { _entities: [] } }).addresses([UNKNOWN_ADRES])).rejects.toThrow(
      'register look-up: bag answered with data that does not match the query',
    );
    await expect(answer({ data: { _entities: [{ geheimhouding: 'nee', verblijfplaatsen: [] }] } }).persons([UNKNOWN_BSN])).rejects.toThrow(
      'register look-up: brp answered with data that does not match the query',
    );
  });
});
