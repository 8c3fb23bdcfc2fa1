/**
 * Trusted documents: the operations an operator has registered, by the sha256 of their text.
 * Registering is an explicit step that writes the file; the gateway reads it when created.
 * When the plugin is on, any operation whose hash is not registered is refused, whether the
 * client sent the full text or only `extensions.persistedQuery.sha256Hash`.
 *
 * The file is a JSON object from hash to query text. Every entry is checked against its hash
 * when read: an edited entry makes the file refused as a whole (fail closed).
 */
import { createHash } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError } from 'graphql';

/** Apollo Server prefixes the keys of its persisted-query cache with this. */
const APQ_PREFIX = 'apq:';
const SHA256_HEX = /^[0-9a-f]{64}$/;

/** The shape of Apollo Server's `persistedQueries.cache` (a KeyValueCache), read-only here. */
export interface TrustedDocumentCache {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<boolean>;
}

export interface TrustedDocuments {
  /** Adds the query to the file; resolves to its sha256 hash (hex). */
  register(query: string): Promise<string>;
  has(hash: string): boolean;
  /**
   * For `new ApolloServer({ persistedQueries: { cache, ttl: null } })`: a hash-only request finds
   * its registered text here; clients cannot add to it.
   */
  cache: TrustedDocumentCache;
  /** Refuses every operation whose hash is not registered (`PERSISTED_QUERY_NOT_ALLOWED`, HTTP 400). */
  plugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext>;
}

export class TrustedDocumentsFileError extends Error {}

export function documentHash(query: string): string {
  return createHash('sha256').update(query).digest('hex');
}

export async function createTrustedDocuments(options: { file: string }): Promise<TrustedDocuments> {
  const documents = await readDocuments(options.file);
  return {
    async register(query) {
      const hash = documentHash(query);
      documents.set(hash, query);
      const sorted = Object.fromEntries([...documents].sort(([a], [b]) => (a < b ? -1 : 1)));
      const temporary = `${options.file}.${process.pid}.tmp`;
      await writeFile(temporary, `${JSON.stringify(sorted, null, 2)}\n`, 'utf8');
      await rename(temporary, options.file);
      return hash;
    },
    has: (hash) => documents.has(hash),
    cache: {
      get: async (key) => documents.get(key.startsWith(APQ_PREFIX) ? key.slice(APQ_PREFIX.length) : key),
      set: async () => {},
      delete: async () => false,
    },
    plugin() {
      return {
        async requestDidStart() {
          return {
            async didResolveOperation(requestContext) {
              if (requestContext.queryHash && documents.has(requestContext.queryHash)) return;
              throw new GraphQLError('This gateway only runs registered operations, and this one is not registered. Ask the gateway operator to register it.', {
                extensions: { code: 'PERSISTED_QUERY_NOT_ALLOWED', http: { status: 400 } },
              });
            },
          };
        },
      };
    },
  };
}

async function readDocuments(file: string): Promise<Map<string, string>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw err;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new TrustedDocumentsFileError(`The trusted documents file ${file} is not valid JSON. It should map each sha256 hash to its query text.`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new TrustedDocumentsFileError(`The trusted documents file ${file} is not a JSON object. It should map each sha256 hash to its query text.`);
  }
  const documents = new Map<string, string>();
  for (const [hash, query] of Object.entries(parsed)) {
    if (!SHA256_HEX.test(hash) || typeof query !== 'string' || documentHash(query) !== hash) {
      throw new TrustedDocumentsFileError(`The trusted documents file ${file} has an entry "${hash}" whose text does not hash to it. Register the query again instead of editing the file.`);
    }
    documents.set(hash, query);
  }
  return documents;
}
