/**
 * Apollo Server hosts the GraphQL over HTTP protocol (parsing, validation, GET/POST rules, CSRF
 * prevention, status codes); our executor is plugged in through its gateway interface, the same
 * seam @apollo/gateway uses.
 */
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from './http.ts';
import { runRequest, type PipelineOptions } from './pipeline.ts';
import type { SupergraphVersion, SupergraphVersions } from './supergraph-versions.ts';

export interface ApolloOptions extends Omit<PipelineOptions, 'executor'> {
  /** The supergraph served; a swap gives Apollo Server the new client schema. */
  versions: SupergraphVersions;
  introspection: boolean;
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
          executor: (rc) => {
            // The request runs on the supergraph version it was validated against, even after a swap.
            const version = options.versions.forSchema(rc.schema);
            if (!version) throw new GraphQLError('The schema this request was validated against is no longer known; send it again.', { extensions: { code: 'SCHEMA_CHANGED' } });
            return runRequest({ ...options, executor: version.executor }, (rc.context as GatewayContext).state, rc.document, rc.operationName, rc.request.variables);
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
    ...(options.persistedQueries !== undefined ? { persistedQueries: options.persistedQueries } : {}),
    includeStacktraceInErrorResponses: false,
    // The gateway owns its shutdown (gateway.close, scripts/start.ts). Apollo's own SIGTERM handler
    // would stop it and then send the signal again, which the start script takes as the second
    // signal and exits at once, cutting off requests in flight.
    stopOnTerminationSignals: false,
    // Cache control would wrap every field's resolver in the schema; the executor shapes responses itself.
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled(), ...(options.plugins ?? [])],
  });
}
