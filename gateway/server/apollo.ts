/**
 * Apollo Server hosts the GraphQL over HTTP protocol (parsing, validation, GET/POST rules, CSRF
 * prevention, status codes); our executor is plugged in through its gateway interface, the same
 * seam @apollo/gateway uses.
 */
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { GatewayContext } from './http.ts';
import { runRequest, type PipelineOptions } from './pipeline.ts';
import { ReservedAliasesRule } from './reserved-aliases.ts';

export interface ApolloOptions extends PipelineOptions {
  apiSchema: GraphQLSchema;
  supergraphSdl: string;
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
          schema: options.apiSchema,
          executor: (rc) => runRequest(options, (rc.context as GatewayContext).state, rc.document, rc.operationName, rc.request.variables),
        };
      },
      onSchemaLoadOrUpdate(callback) {
        callback({ apiSchema: options.apiSchema, coreSupergraphSdl: options.supergraphSdl });
        return () => {};
      },
      async stop() {},
    },
    introspection: options.introspection,
    validationRules: [ReservedAliasesRule],
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
