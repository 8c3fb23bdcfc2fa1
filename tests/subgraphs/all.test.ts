import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getNamedType, getNullableType, isLeafType, isListType, isNonNullType, isObjectType } from 'graphql';
import type { GraphQLField } from 'graphql';
import { describe, expect, it } from 'vitest';
import { composeSupergraph } from '../../schema/compose.ts';
import { PARTNER_SUBGRAPHS, SUBGRAPH_FACTORIES, createAllSubgraphs, serveAllSubgraphs } from '../../subgraphs/index.ts';
import { PARTNERS } from '../../subgraphs/world/index.ts';
import { GEEN_ADRES, NIEMAND, fixtureWorld } from './fixture.ts';
import { entities } from './run.ts';
import { testGatewayTokens } from '../helpers/gateway-tokens.ts';

const { jwks: gatewayKeys } = await testGatewayTokens();

const subgraphs = createAllSubgraphs(fixtureWorld);
const KEYS = { Persoon: 'bsn', Adres: 'adresId' } as const;

/** Every field of the type without arguments; object fields select only __typename. */
function fieldsOf(subgraph: (typeof subgraphs)[number], typename: 'Persoon' | 'Adres'): GraphQLField<unknown, unknown>[] {
  const type = subgraph.schema.getType(typename);
  return isObjectType(type) ? Object.values(type.getFields()).filter((field) => field.args.length === 0) : [];
}

function selectionOf(fields: GraphQLField<unknown, unknown>[]): string {
  return fields.map((field) => (isLeafType(getNamedType(field.type)) ? field.name : `${field.name} { __typename }`)).join(' ');
}

describe('all partner subgraphs', () => {
  it('are built for every partner, once each, in the order of PARTNERS', () => {
    expect(subgraphs.map((subgraph) => subgraph.name)).toEqual(PARTNERS);
    expect(SUBGRAPH_FACTORIES.map(([id]) => id)).toEqual(PARTNERS);
  });

  it('compose into one supergraph, with every subject field classified', () => {
    const result = composeSupergraph(subgraphs.map(({ name, sdl }) => ({ name, sdl, url: `http://${name}.test/graphql` })));
    expect(result.ok ? [] : result.problems.map((problem) => problem.message)).toEqual([]);
    // The composition library's supergraph as it wrote it: none of its known defects is met.
    expect(result.ok ? result.repaired : undefined).toEqual([]);
  });

  it('are served each on its own port, recording which subgraph was asked', async () => {
    const asked: string[] = [];
    const served = await serveAllSubgraphs(fixtureWorld, { gatewayKeys, onRequest: (request) => void asked.push(request.subgraph) });
    try {
      expect(served.subgraphs.map(({ name }) => name)).toEqual(subgraphs.map(({ name }) => name));
      expect(new Set(served.subgraphs.map(({ url }) => url)).size).toBe(subgraphs.length);
      for (const [i, { url }] of served.subgraphs.entries()) {
        expect(await serviceSdl(url)).toEqual({ status: 200, sdl: subgraphs[i]?.sdl });
      }
      expect(asked).toEqual(subgraphs.map(({ name }) => name));
    } finally {
      await served.close();
    }
    for (const { url } of served.subgraphs) await expect(serviceSdl(url)).rejects.toThrow('fetch failed');
  });

  it('are served from basePort up, and when a port is taken the others are closed and the error names it', async () => {
    const { blocker, port } = await portAfterFreePort();
    try {
      const attempt = serveAllSubgraphs(fixtureWorld, { gatewayKeys, basePort: port - 1 });
      await expect(attempt).rejects.toThrow(
        `The ${subgraphs[1]?.name} subgraph could not listen on port ${port} on 127.0.0.1: listen EADDRINUSE: address already in use 127.0.0.1:${port}`,
      );
      // The first subgraph listened on port - 1 and was closed again.
      await close(await listen(port - 1));
    } finally {
      await close(blocker);
    }
  });

  it('refuse a basePort that is no port or leaves no room for every subgraph', async () => {
    const highest = 65535 - subgraphs.length + 1;
    const problem = (basePort: number) =>
      `basePort must be 0 (ephemeral ports) or a whole number from 1 to ${highest}, so that ${subgraphs.length} subgraphs fit; got ${basePort}.`;
    await expect(serveAllSubgraphs(fixtureWorld, { gatewayKeys, basePort: highest + 1 })).rejects.toThrow(problem(highest + 1));
    await expect(serveAllSubgraphs(fixtureWorld, { gatewayKeys, basePort: -1 })).rejects.toThrow(problem(-1));
    await expect(serveAllSubgraphs(fixtureWorld, { gatewayKeys, basePort: 4000.5 })).rejects.toThrow(problem(4000.5));
  });

  it('are made by PARTNER_SUBGRAPHS, the factories of SUBGRAPH_FACTORIES in the same order', () => {
    expect(PARTNER_SUBGRAPHS).toEqual(SUBGRAPH_FACTORIES.map(([, create]) => create));
  });
});

async function serviceSdl(url: string): Promise<{ status: number; sdl: unknown }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ _service { sdl } }"}' });
  const body = (await response.json()) as { data?: { _service?: { sdl?: unknown } } };
  return { status: response.status, sdl: body.data?._service?.sdl };
}

function listen(port: number): Promise<Server> {
  const server = createServer();
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}

/** A port held by `blocker` whose predecessor was free a moment ago. */
async function portAfterFreePort(): Promise<{ blocker: Server; port: number }> {
  for (;;) {
    const blocker = await listen(0);
    const port = (blocker.address() as AddressInfo).port;
    const before = await listen(port - 1).catch(() => null);
    if (before !== null) {
      await close(before);
      return { blocker, port };
    }
    await close(blocker);
  }
}

/** [partner, type, subgraph, fields] for every subject type a subgraph contributes to. */
const CASES = subgraphs.flatMap((subgraph) =>
  (['Persoon', 'Adres'] as const).map((typename) => [subgraph.name, typename, subgraph, fieldsOf(subgraph, typename)] as const).filter(([, , , fields]) => fields.length > 0),
);

/** Nullable fields that answer a definite value when the partner holds nothing about the key. */
const NOTHING_RECORDED: Record<string, unknown> = {
  // No care trajectory is known, so no referral runs.
  'wijkteam:Persoon.heeftZorgverwijzing': false,
};

describe.each(CASES)('%s %s entities', (name, typename, subgraph, fields) => {
  it('resolve an unknown key to the key, empty lists and nulls, without errors', async () => {
    const key = typename === 'Persoon' ? NIEMAND : GEEN_ADRES;
    const [entity] = (await entities(subgraph, typename, [key], selectionOf(fields))) as Record<string, unknown>[];
    for (const field of fields) {
      const value = entity?.[field.name];
      const coordinate = `${name}:${typename}.${field.name}`;
      if (field.name === KEYS[typename]) expect(value, field.name).toBe(key);
      else if (coordinate in NOTHING_RECORDED) expect(value, coordinate).toBe(NOTHING_RECORDED[coordinate]);
      else if (isListType(getNullableType(field.type))) expect(value, field.name).toEqual([]);
      else if (!isNonNullType(field.type)) expect(value, field.name).toBeNull();
      else expect(value, field.name).toBeDefined();
    }
  });

  it('resolve every fixture record without errors', async () => {
    const keys = typename === 'Persoon' ? fixtureWorld.personen.map((p) => p.bsn) : fixtureWorld.adressen.map((a) => a.adresId);
    const found = (await entities(subgraph, typename, keys, selectionOf(fields))) as Record<string, unknown>[];
    expect(found.map((entity) => entity[KEYS[typename]])).toEqual(keys);
  });
});
