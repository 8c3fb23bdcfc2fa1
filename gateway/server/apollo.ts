/**
 * Apollo Server hosts the GraphQL over HTTP protocol (parsing, validation, GET/POST rules, CSRF
 * prevention, status codes); our executor is plugged in through its gateway interface, the same
 * seam @apollo/gateway uses.
 */
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError } from 'graphql';
import { newSpanId } from '../context/trace.ts';
import { redactBsnLike } from '../observability/redact.ts';
import type { GatewayContext } from './http.ts';
import { newRequestState, runRequest, type PipelineOptions, type RequestState } from './pipeline.ts';
import { ReservedAliasesRule } from './reserved-aliases.ts';
import type { SupergraphVersion, SupergraphVersions } from './supergraph-versions.ts';

export interface ApolloOptions extends Omit<PipelineOptions, 'executor'> {
  /** The supergraph served; a swap gives Apollo Server the new client schema. */
  versions: SupergraphVersions;
  introspection: boolean;
  /** Batched POSTs (a JSON array of operations); the HTTP layer bounds their size (limits.maxBatch). */
  allowBatches: boolean;
  plugins?: ApolloServerPlugin<GatewayContext>[];
  /** Trusted documents: hash-only requests find their registered text here. */
  persistedQueries?: ConstructorParameters<typeof ApolloServer<GatewayContext>>[0]['persistedQueries'];
}

export function createApollo(options: ApolloOptions): ApolloServer<GatewayContext> {
  return new ApolloServer<GatewayContext>({
    gateway: {
      async load() {
        return {
          schema: options.versions.current().servedSchema,
          executor: async (rc) => {
            // The request runs on the supergraph version it was validated against, even after a swap.
            const version = options.versions.forSchema(rc.schema);
            if (!version) throw new GraphQLError('The schema this request was validated against is no longer known; send it again.', { extensions: { code: 'SCHEMA_CHANGED' } });
            const pipeline = { ...options, executor: version.executor };
            const { state, batch } = rc.context as GatewayContext;
            // The name the client sent first: Apollo Server sets rc.operationName to null when no
            // operation has that name, and a document of one operation would then run that one.
            const operationName = rc.request.operationName ?? rc.operationName;
            if (!batch) return runRequest(pipeline, state, rc.document, operationName, rc.request.variables);
            const own = operationState(state);
            const result = await runRequest(pipeline, own, rc.document, operationName, rc.request.variables);
            if (own.auditFailed) state.auditFailed = true;
            if (own.storeFailed) state.storeFailed = true;
            return result;
          },
        };
      },
      onSchemaLoadOrUpdate(callback) {
        const announce = (version: SupergraphVersion) => callback({ apiSchema: version.servedSchema, coreSupergraphSdl: version.composed.supergraphSdl });
        announce(options.versions.current());
        return options.versions.onSwap(announce);
      },
      async stop() {},
    },
    introspection: options.introspection,
    allowBatchedHttpRequests: options.allowBatches,
    validationRules: [ReservedAliasesRule],
    ...(options.persistedQueries !== undefined ? { persistedQueries: options.persistedQueries } : {}),
    includeStacktraceInErrorResponses: false,
    // A message may echo what the client sent (graphql-js's variable coercion: `got invalid value
    // { x: "999990007" }`): no nine-digit run, a BSN's shape, leaves in an error, and no BSN-like
    // number in another spelling ("999 990 007") either (no plain BSN in errors).
    formatError: (formatted) => {
      const message = redactBsnLike(formatted.message);
      return message === formatted.message ? formatted : { ...formatted, message };
    },
    // The gateway owns its shutdown (gateway.close, scripts/start.ts). Apollo's own SIGTERM handler
    // would stop it and then send the signal again, which the start script takes as the second
    // signal and exits at once, cutting off requests in flight.
    stopOnTerminationSignals: false,
    // Cache control would wrap every field's resolver in the schema; the executor shapes responses itself.
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled(), ...(options.plugins ?? [])],
  });
}

/**
 * One operation of a batched request: Apollo Server shares the HTTP request's context between the
 * operations, so each gets a state of its own (request id, span), and is judged, audited and
 * logged as a request of its own. An audit failure of any of them makes the HTTP answer a 503.
 */
function operationState(request: RequestState): RequestState {
  return newRequestState({ ...request.trace, spanId: newSpanId() }, request.caller, request.purpose);
}
