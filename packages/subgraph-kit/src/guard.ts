/**
 * The one check every adapter (Apollo Server, envelop/Yoga, node:http) makes: a call that asks for
 * more than the schema carries the gateway's token for exactly that call.
 */
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { asksSchemaOnly, requestedFieldCoordinates } from './coordinates.ts';
import type { GatewayClaims, GraphQLCall } from './token.ts';
import type { GatewayTokenVerifier } from './verify.ts';

/** The claims of the verified token; undefined for a schema-only query, which needs none. */
export async function checkGatewayCall(
  verifier: GatewayTokenVerifier,
  schema: GraphQLSchema,
  document: DocumentNode,
  call: GraphQLCall,
  authorization: string | null | undefined,
): Promise<GatewayClaims | undefined> {
  if (asksSchemaOnly(document)) return undefined;
  return verifier.verify(authorization ?? undefined, { fields: requestedFieldCoordinates(schema, document), call });
}
