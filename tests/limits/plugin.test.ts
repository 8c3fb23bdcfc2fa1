import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApolloServer, HeaderMap, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { getIntrospectionQuery, parse } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { checkBatch } from '../../gateway/limits/batch.ts';
import { checkLimits } from '../../gateway/limits/check.ts';
import { limitsPlugin } from '../../gateway/limits/plugin.ts';
import { createTrustedDocuments, documentHash, TrustedDocumentsFileError } from '../../gateway/limits/trusted-documents.ts';
import { schema } from './schema.ts';

const typeDefs = `
  type Query { persoon(bsn: ID!): Persoon }
  type Persoon { naam: String kinderen(first: Int): [Persoon!]! }
`;
const resolvers = { Query: { persoon: () => ({ naam: 'Jansen', kinderen: [] }) } };
const defaults = { maxDepth: 15, maxAliases: 30, maxRootFields: 10, maxFields: 2000, maxCost: 5000 };

const servers: ApolloServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

async function serve(options: { plugins: ApolloServerPlugin<BaseContext>[]; persistedQueries?: ConstructorParameters<typeof ApolloServer>[0]['persistedQueries'] }) {
  const server = new ApolloServer({ typeDefs, resolvers, ...options });
  await server.start();
  servers.push(server);
  return async (body: Record<string, unknown>) => {
    const result = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: 'POST', headers: new HeaderMap([['content-type', 'application/json']]), search: '', body },
      context: async () => ({}),
    });
    if (result.body.kind !== 'complete') throw new Error('expected a complete body');
    return { status: result.status ?? 200, body: JSON.parse(result.body.string) as unknown };
  };
}

describe('limitsPlugin', () => {
  it('answers an operation within the limits', async () => {
    const post = await serve({ plugins: [limitsPlugin({ ...defaults, maxDepth: 2 })] });
    expect(await post({ query: '{ persoon(bsn: "1") { naam } }' })).toEqual({ status: 200, body: { data: { persoon: { naam: 'Jansen' } } } });
  });

  it('refuses an operation over a limit with HTTP 400 before executing it', async () => {
    const post = await serve({ plugins: [limitsPlugin({ ...defaults, maxDepth: 2 })] });
    expect(await post({ query: '{ persoon(bsn: "1") { kinderen { naam } } }' })).toEqual({
      status: 400,
      body: {
        errors: [
          {
            message: 'The query is 3 levels deep; the limit is 2. Split it into smaller queries.',
            extensions: { code: 'QUERY_TOO_DEEP', limit: 2, value: 3 },
          },
        ],
      },
    });
  });

  it('measures the list size the request’s variables ask for', async () => {
    // persoon 1 + kinderen n × (1 + naam 1)
    const post = await serve({ plugins: [limitsPlugin({ ...defaults, maxCost: 5 })] });
    const query = 'query Q($n: Int) { persoon(bsn: "1") { kinderen(first: $n) { naam } } }';
    expect((await post({ query, variables: { n: 2 } })).status).toBe(200);
    expect(await post({ query, variables: { n: 3 } })).toEqual({
      status: 400,
      body: {
        errors: [
          {
            message: "The query's estimated cost is 7; the limit is 5. Ask for fewer items with first/eerste, or fewer fields about persons and addresses.",
            extensions: { code: 'QUERY_TOO_COSTLY', limit: 5, value: 7 },
          },
        ],
      },
    });
  });

  it('lets the standard introspection query through the default limits', () => {
    expect(checkLimits(parse(getIntrospectionQuery()), schema, null, {}, defaults)).toEqual([]);
  });
});

describe('checkBatch', () => {
  it('accepts a single operation and a batch at the limit, refuses one more', () => {
    expect(checkBatch({ query: '{ a }' }, 2)).toBeNull();
    expect(checkBatch([{ query: '{ a }' }, { query: '{ b }' }], 2)).toBeNull();
    expect(checkBatch([{ query: '{ a }' }, { query: '{ b }' }, { query: '{ c }' }], 2)).toBe(
      'The request batches 3 operations; the limit is 2. Send fewer operations per request.',
    );
  });
});

describe('trusted documents', () => {
  const registered = '{ persoon(bsn: "1") { naam } }';
  const other = '{ persoon(bsn: "2") { naam } }';
  const notAllowed = {
    status: 400,
    body: {
      errors: [
        {
          message: 'This gateway only runs registered operations, and this one is not registered. Ask the gateway operator to register it.',
          extensions: { code: 'PERSISTED_QUERY_NOT_ALLOWED' },
        },
      ],
    },
  };

  async function setUp() {
    const file = join(mkdtempSync(join(tmpdir(), 'doelpoort-trusted-')), 'trusted-documents.json');
    const writer = await createTrustedDocuments({ file });
    const hash = await writer.register(registered);
    const trusted = await createTrustedDocuments({ file });
    const post = await serve({ plugins: [trusted.plugin()], persistedQueries: { cache: trusted.cache, ttl: null } });
    return { file, hash, trusted, post };
  }

  it('registers a query under its sha256 in the file', async () => {
    const { file, hash, trusted } = await setUp();
    expect(hash).toBe(documentHash(registered));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ [hash]: registered });
    expect(trusted.has(hash)).toBe(true);
    expect(trusted.has(documentHash(other))).toBe(false);
  });

  it('runs a registered query sent as full text or by hash alone', async () => {
    const { hash, post } = await setUp();
    const answer = { status: 200, body: { data: { persoon: { naam: 'Jansen' } } } };
    expect(await post({ query: registered })).toEqual(answer);
    expect(await post({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } })).toEqual(answer);
  });

  it('refuses an unregistered query, with or without its hash, and does not learn it', async () => {
    const { post, trusted } = await setUp();
    expect(await post({ query: other })).toEqual(notAllowed);
    expect(await post({ query: other, extensions: { persistedQuery: { version: 1, sha256Hash: documentHash(other) } } })).toEqual(notAllowed);
    expect(trusted.has(documentHash(other))).toBe(false);
    const byHash = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: documentHash(other) } } });
    expect((byHash.body as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('refuses a file with an entry whose text does not hash to its key', async () => {
    const { file, hash } = await setUp();
    writeFileSync(file, JSON.stringify({ [hash]: other }));
    await expect(createTrustedDocuments({ file })).rejects.toThrow(TrustedDocumentsFileError);
    await expect(createTrustedDocuments({ file })).rejects.toThrow(`has an entry "${hash}" whose text does not hash to it`);
  });
});
