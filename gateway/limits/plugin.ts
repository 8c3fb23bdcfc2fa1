/**
 * The query limits as an Apollo Server plugin. Apollo Server runs `didResolveOperation` after
 * parsing and validation and before execution; an error thrown there becomes the whole response,
 * with the HTTP status from `extensions.http` (500 when none is given), so no partner is asked.
 * Apollo Server answers one thrown error, so the first limit exceeded is the one reported.
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { checkLimits, type QueryLimits } from './check.ts';

export function limitsPlugin<TContext extends BaseContext>(limits: QueryLimits): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(requestContext) {
          const { document, schema, request } = requestContext;
          const [first] = checkLimits(document, schema, request.operationName ?? null, request.variables, limits);
          if (first) throw badRequest(first);
        },
      };
    },
  };
}

/** The same error, answered with HTTP 400. */
export function badRequest(error: GraphQLError): GraphQLError {
  return new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status: 400 } } });
}
