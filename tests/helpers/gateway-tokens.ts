/** A test gateway's partner tokens: a fresh Ed25519 key, its key set, and tokens for exact calls. */
import { parse, type GraphQLSchema } from 'graphql';
import type { JSONWebKeySet } from 'jose';
import { requestedFieldCoordinates, type GatewayCallContext, type GraphQLCall } from '@doelpoort/subgraph-kit';
import { formatTraceparent } from '../../gateway/context/trace.ts';
import type { PartnerCallInfo } from '../../gateway/executor/execute.ts';
import { createPartnerCallSigning, createPartnerTokenSigner, type PartnerCallSigning, type PartnerTokenSigner } from '../../gateway/partner-token/index.ts';
import { generateKeyPair, exportJWK } from 'jose';

export interface TestGatewayTokens {
  signer: PartnerTokenSigner;
  signing: PartnerCallSigning;
  jwks: JSONWebKeySet;
  /** "Bearer <token>" for exactly this call to `partner`, allowing `fields`. */
  authorization(partner: string, call: GraphQLCall, fields: string[]): string;
  /** As authorization, allowing every field the call selects on `schema` (none when it does not parse). */
  authorizationFor(partner: string, schema: GraphQLSchema, call: GraphQLCall): string;
  /** The executor's headersFor: every partner call marked to be signed for a test caller. */
  headersFor(call: PartnerCallInfo): Record<string, string>;
}

export const TEST_CALLER: Omit<GatewayCallContext, 'partner' | 'fields' | 'traceId'> = {
  organisation: 'sociale-dienst',
  role: 'analist',
  callerId: 'test-caller',
  project: 'wijkaanpak-2026',
  purpose: 'uitkeringsfraude',
};

export async function testGatewayTokens(): Promise<TestGatewayTokens> {
  const { privateKey } = await generateKeyPair('EdDSA', { extractable: true });
  const signer = await createPartnerTokenSigner({ privateJwk: await exportJWK(privateKey) });
  const signing = createPartnerCallSigning(signer);
  const authorization = (partner: string, call: GraphQLCall, fields: string[]) =>
    `Bearer ${signer.sign({ ...TEST_CALLER, partner, traceId: '0af7651916cd43dd8448eb211c80319c', fields }, call)}`;
  return {
    signer,
    signing,
    jwks: signer.jwks(),
    authorization,
    authorizationFor(partner, schema, call) {
      let fields: string[] = [];
      try {
        fields = requestedFieldCoordinates(schema, parse(call.query));
      } catch {
        // Does not parse: no fields.
      }
      return authorization(partner, call, fields);
    },
    headersFor: (call) =>
      signing.headers(
        { ...TEST_CALLER, partner: call.graph, traceId: call.context.traceId, fields: call.coordinates },
        { traceparent: formatTraceparent(call.context.traceId, call.spanId) },
      ),
  };
}
