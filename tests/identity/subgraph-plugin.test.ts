/** The partner-integrator example of docs/identity.md, run against a small Apollo subgraph. */
import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { exportJWK, generateKeyPair } from 'jose';
import { buildSchema, GraphQLError, type GraphQLSchema } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPartnerTokenSigner, type PartnerTokenSigner } from '../../gateway/partner-token/index.ts';
import {
  createGatewayTokenVerifier,
  GatewayTokenError,
  requestedFieldCoordinates,
  type GatewayClaims,
  type GatewayTokenVerifier,
} from '../../subgraphs/kit/gateway-token.ts';

// --- as in docs/identity.md ---
interface PartnerContext {
  gateway?: GatewayClaims;
}

function gatewayTokenPlugin(verifier: GatewayTokenVerifier, schema: GraphQLSchema): ApolloServerPlugin<PartnerContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, contextValue }) {
          try {
            const authorization = request.http?.headers.get('authorization');
            contextValue.gateway = await verifier.verify(authorization, requestedFieldCoordinates(schema, document));
          } catch (error) {
            if (!(error instanceof GatewayTokenError)) throw error;
            throw new GraphQLError(error.message, { extensions: { code: error.code, http: { status: error.status } } });
          }
        },
      };
    },
  };
}
// --- end of example ---

const schema = buildSchema(`
  type Query { uitkering(id: ID!): Uitkering }
  type Uitkering { soort: String! bedrag: Int! }
`);
const root = { uitkering: () => ({ soort: 'WW', bedrag: 1234 }) };

let signer: PartnerTokenSigner;
let server: ApolloServer<PartnerContext>;

beforeAll(async () => {
  const { privateKey } = await generateKeyPair('EdDSA', { extractable: true });
  signer = await createPartnerTokenSigner({ privateJwk: await exportJWK(privateKey) });
  const verifier = createGatewayTokenVerifier({ partner: 'uwv', jwks: signer.jwks() });
  server = new ApolloServer<PartnerContext>({ schema, rootValue: root, plugins: [gatewayTokenPlugin(verifier, schema)] });
  await server.start();
});

async function ask(query: string, authorization?: string) {
  const headers = new HeaderMap(authorization === undefined ? [] : [['authorization', authorization]]);
  const response = await server.executeOperation(
    { query, http: { method: 'POST', headers, search: '', body: {} } },
    { contextValue: {} },
  );
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return { status: response.http.status, result: response.body.singleResult };
}

const call = {
  partner: 'uwv',
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  organisation: 'sociale-dienst',
  role: 'analist',
  callerId: 'emp-123',
  project: 'wijkaanpak-2026',
  purpose: 'uitkeringsfraude',
  fields: ['Query.uitkering', 'Uitkering.soort'],
};

describe('a subgraph guarded by the gateway token plugin (EdDSA key)', () => {
  it('answers the fields the token allows', async () => {
    const token = await signer.sign(call);
    expect(await ask('{ uitkering(id: "u1") { soort } }', `Bearer ${token}`)).toEqual({
      status: undefined,
      result: { data: { uitkering: { soort: 'WW' } } },
    });
  });

  it('refuses a field beyond the token with 403 and the field named', async () => {
    const token = await signer.sign(call);
    expect(await ask('{ uitkering(id: "u1") { soort bedrag } }', `Bearer ${token}`)).toEqual({
      status: 403,
      result: {
        errors: [
          {
            message:
              'The gateway did not allow this call to select Uitkering.bedrag; it allowed Query.uitkering, Uitkering.soort. Only the gateway decides which fields a call may ask for.',
            extensions: { code: 'GATEWAY_TOKEN_FIELD_NOT_ALLOWED' },
          },
        ],
      },
    });
  });

  it('refuses a call without a token with 401', async () => {
    const { status, result } = await ask('{ uitkering(id: "u1") { soort } }');
    expect([status, result.errors?.[0]?.extensions?.code]).toEqual([401, 'GATEWAY_TOKEN_MISSING']);
  });
});
