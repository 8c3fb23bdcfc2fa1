/**
 * Test harness: compose small Federation v2 subgraphs (built with @apollo/subgraph), run them in
 * process, and execute operations through the gateway's executor while recording exactly what
 * each subgraph was asked.
 */
import { buildSubgraphSchema } from '@apollo/subgraph';
import { composeServices } from '@theguild/federation-composition';
import { composeDespiteAbstractRequires } from '../../packages/subgraph-kit/src/schema/requires-satisfiability.ts';
import { fieldsOf } from '../../packages/subgraph-kit/src/schema/subgraph-fields.ts';
import { repairSupergraph } from '../../packages/subgraph-kit/src/schema/supergraph-repair.ts';
import { execute, parse, print, validate, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import type { Classification } from '../../schema/classification.ts';
import { buildApiSchema } from '../../gateway/executor/api-schema.ts';
import { DEFAULT_SUBJECT_TYPES, createExecutor, type ExecutionOutput, type ExecutorOptions } from '../../gateway/executor/execute.ts';
import { loadSupergraph } from '../../gateway/executor/supergraph.ts';
import type { SubgraphFetcher } from '../../gateway/executor/subgraph-client.ts';
import type { Decision, FetchQuestion, Policy } from '../../gateway/policy/types.ts';
import type { RequestContext } from '../../gateway/context/types.ts';

export const FED = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@override", "@inaccessible", "@interfaceObject"])`;

export interface TestSubgraph {
  name: string;
  typeDefs: string;
  resolvers: Record<string, unknown>;
}

export interface RecordedCall {
  query: string;
  variables: Record<string, unknown>;
}

export const allowAllPolicy: Policy = {
  async decide(question) {
    const allow: Decision = { outcome: 'allow', rule: 'test.allow-all' };
    return { decisions: question.entities.map(() => question.fields.map(() => allow)) };
  },
};

/** A policy deciding each field of each entity with `decide`, recording every question it is asked. */
export function recordingPolicy(decide: (coordinate: string, subjectId: string) => Decision): { policy: Policy; questions: FetchQuestion[] } {
  const questions: FetchQuestion[] = [];
  const policy: Policy = {
    async decide(q) {
      questions.push(q);
      return { decisions: q.entities.map((e) => q.fields.map((f) => decide(f.coordinate, e.subjectId))) };
    },
  };
  return { policy, questions };
}

export function testContext(overrides: Partial<RequestContext> = {}): RequestContext {
  return { requestId: 'req-1', traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', now: new Date('2026-11-23T10:00:00Z'), ...overrides };
}

export function composeTest(subgraphs: TestSubgraph[]): { supergraphSdl: string; apiSchema: GraphQLSchema; schemas: Map<string, GraphQLSchema> } {
  // Composed as the gateway composes at start-up: the kit's repairs of the composition library included.
  const services = subgraphs.map((s) => ({ name: s.name, url: `http://${s.name}.test/graphql`, typeDefs: parse(s.typeDefs) }));
  const composed = composeDespiteAbstractRequires(services, composeServices(services));
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  const repair = repairSupergraph(composed.supergraphDocumentNode, composed.publicDocumentNode, new Map(services.map((s) => [s.name, fieldsOf(s.typeDefs)])));
  if (repair.problems.length > 0) throw new Error(repair.problems.map((p) => p.message).join('\n'));
  const schemas = new Map<string, GraphQLSchema>();
  for (const s of subgraphs) {
    schemas.set(s.name, buildSubgraphSchema({ typeDefs: parse(s.typeDefs), resolvers: s.resolvers as never }));
  }
  const supergraphSdl = repair.repaired.length ? print(repair.supergraph) : composed.supergraphSdl;
  return { supergraphSdl, apiSchema: buildApiSchema(repair.repaired.length ? repair.api : composed.publicDocumentNode, Object.keys(DEFAULT_SUBJECT_TYPES)), schemas };
}

export interface TestGateway {
  run(query: string, variables?: Record<string, unknown>, context?: Partial<RequestContext>): Promise<ExecutionOutput>;
  /** run for a document parsed once (as the server keeps a client's repeated document). */
  runDocument(document: DocumentNode, variables?: Record<string, unknown>): Promise<ExecutionOutput>;
  calls: Map<string, RecordedCall[]>;
  reset(): void;
  /** The schema analysts see; the server validates operations against it before executing. */
  apiSchema: GraphQLSchema;
}

export function createTestGateway(
  subgraphs: TestSubgraph[],
  options: Partial<Omit<ExecutorOptions, 'supergraph' | 'apiSchema'>> & {
    classifications?: ReadonlyMap<string, Classification>;
    fail?: Record<string, SubgraphFetcher>;
    /** Wraps the recording in-process fetcher (e.g. to observe concurrent calls). */
    wrap?: (fetcher: SubgraphFetcher) => SubgraphFetcher;
  } = {},
): TestGateway {
  const { supergraphSdl, apiSchema, schemas } = composeTest(subgraphs);
  const supergraph = loadSupergraph(supergraphSdl);
  const calls = new Map<string, RecordedCall[]>();
  const byUrl = new Map([...supergraph.graphs.values()].map((g) => [g.url, g.name]));
  const fetcher: SubgraphFetcher = async (url, request, callOptions) => {
    const name = byUrl.get(url)!;
    const list = calls.get(name) ?? [];
    list.push({ query: request.query, variables: request.variables ?? {} });
    calls.set(name, list);
    const failing = options.fail?.[name];
    if (failing) return failing(url, request, callOptions);
    const result = (await execute({ schema: schemas.get(name)!, document: parse(request.query), variableValues: request.variables ?? {} })) as ExecutionResult;
    return JSON.parse(JSON.stringify(result));
  };
  const { fail: _fail, wrap, ...executorOptions } = options;
  const executor = createExecutor({
    ...executorOptions,
    supergraph,
    apiSchema,
    classifications: options.classifications ?? new Map(),
    policy: options.policy ?? allowAllPolicy,
    minimise: options.minimise ?? ((t, v) => `${t}(${String(v)})`),
    fetcher: options.fetcher ?? (wrap ? wrap(fetcher) : fetcher),
    ...(options.subjectTypes ? { subjectTypes: options.subjectTypes } : {}),
  });
  return {
    calls,
    apiSchema,
    reset: () => calls.clear(),
    run: (query, variables, context) => executor.execute({ document: parse(query) as DocumentNode, variables: variables ?? {}, context: testContext(context) }),
    runDocument: (document, variables) => executor.execute({ document, variables: variables ?? {}, context: testContext() }),
  };
}

/** The messages of validating `query` against the gateway's API schema (empty when it is valid). */
export function validationErrors(gateway: TestGateway, query: string): string[] {
  return validate(gateway.apiSchema, parse(query)).map((e) => e.message);
}

/** The printed queries a subgraph received, whitespace collapsed, for exact comparisons. */
export function queriesOf(gateway: TestGateway, name: string): string[] {
  return (gateway.calls.get(name) ?? []).map((c) => c.query.replace(/\s+/g, ' ').trim());
}
