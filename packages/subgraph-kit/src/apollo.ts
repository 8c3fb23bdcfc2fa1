/**
 * The gateway-token check as an Apollo Server plugin. The verified claims are put on the context
 * as `gateway`; a refused call is answered with the refusal's HTTP status and a GraphQL error whose
 * `extensions.code` is the GatewayTokenError's code.
 *
 *   const verifier = createGatewayTokenVerifier({ partner: 'uwv', jwks: new URL('https://doelpoort.example/.well-known/jwks.json') });
 *   new ApolloServer({ schema, plugins: [gatewayTokenApolloPlugin(verifier)] });
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { GatewayTokenError } from './errors.ts';
import { checkGatewayCall } from './guard.ts';
import type { GatewayClaims } from './token.ts';
import type { GatewayTokenVerifier } from './verify.ts';

export interface GatewayContext {
  /** The verified gateway token's claims; absent for a schema-only query. */
  gateway?: GatewayClaims;
}

export function gatewayTokenApolloPlugin<TContext extends GatewayContext>(verifier: GatewayTokenVerifier): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, contextValue }) {
          try {
            const claims = await checkGatewayCall(
              verifier,
              schema,
              document,
              { query: request.query ?? '', variables: request.variables ?? {}, operationName: request.operationName ?? null },
              request.http?.headers.get('authorization'),
            );
            if (claims !== undefined) contextValue.gateway = claims;
          } catch (error) {
            throw asGraphQLError(error);
          }
        },
      };
    },
  };
}

/** A refusal as a GraphQL error with its HTTP status; any other failure refuses too, without its message. */
export function asGraphQLError(error: unknown): GraphQLError {
  if (error instanceof GatewayTokenError) {
    return new GraphQLError(error.message, { extensions: { code: error.code, http: { status: error.status } } });
  }
  return new GraphQLError('The gateway token could not be checked, so the call is refused.', {
    extensions: { code: 'GATEWAY_KEYS_UNAVAILABLE', http: { status: 503 } },
  });
}
