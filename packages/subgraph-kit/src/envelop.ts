/**
 * The gateway-token check as an envelop plugin, for GraphQL Yoga (and any envelop server whose
 * context carries the request and its GraphQL parameters, as Yoga's does). The verified claims are
 * put on the context as `gateway`; a refused call ends with a GraphQL error carrying the refusal's
 * code and HTTP status. Without the request's parameters on the context the call is refused.
 *
 *   createYoga({ schema, plugins: [gatewayTokenEnvelopPlugin(verifier)] });
 */
import { GraphQLError, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { asGraphQLError } from './apollo.ts';
import { checkGatewayCall } from './guard.ts';
import type { GatewayClaims, GraphQLCall } from './token.ts';
import type { GatewayTokenVerifier } from './verify.ts';

/** What the plugin needs from the context: Yoga's `request` and `params`. */
interface YogaLikeContext {
  request?: { headers: { get(name: string): string | null } };
  params?: Partial<GraphQLCall>;
  gateway?: GatewayClaims;
}

interface OnExecuteHook {
  args: { schema: GraphQLSchema; document: DocumentNode; contextValue: unknown };
  setResultAndStopExecution(result: ExecutionResult): void;
}

/** An envelop plugin (structurally typed: the kit does not depend on envelop). */
export interface GatewayTokenEnvelopPlugin {
  onExecute(hook: OnExecuteHook): Promise<void>;
}

export function gatewayTokenEnvelopPlugin(verifier: GatewayTokenVerifier): GatewayTokenEnvelopPlugin {
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      const context = args.contextValue as YogaLikeContext;
      try {
        if (typeof context?.params?.query !== 'string' || context.request === undefined) {
          throw new GraphQLError('The call cannot be checked against the gateway token: the server gives no request parameters.', {
            extensions: { code: 'GATEWAY_TOKEN_INVALID', http: { status: 401 } },
          });
        }
        const call = { query: context.params.query, variables: context.params.variables ?? {}, operationName: context.params.operationName ?? null };
        const claims = await checkGatewayCall(verifier, args.schema, args.document, call, context.request.headers.get('authorization'));
        if (claims !== undefined) context.gateway = claims;
      } catch (error) {
        setResultAndStopExecution({ errors: [error instanceof GraphQLError ? error : asGraphQLError(error)] });
      }
    },
  };
}
