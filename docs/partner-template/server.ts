/**
 * An example partner subgraph, built as a partner's team would: GraphQL Yoga, Apollo's subgraph
 * library, and @doelpoort/subgraph-kit for the @classified directive and the gateway-token check.
 *
 *   DOELPOORT_GATEWAY_JWKS=https://doelpoort.example/.well-known/jwks.json PORT=4200 npx tsx server.ts
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, type GraphQLSchema } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { type JSONWebKeySet } from 'jose';
import { createGatewayTokenVerifier } from '@doelpoort/subgraph-kit';
import { gatewayTokenEnvelopPlugin } from '@doelpoort/subgraph-kit/envelop';

/** The partner's name, as the gateway knows it: the audience of its tokens. */
export const PARTNER = 'leerplicht';

interface Verzuimmelding {
  schooljaar: string;
  uren: number;
}

/** Synthetic records: one planted person of the Doelpoort world with two reports. */
const MELDINGEN: ReadonlyMap<string, Verzuimmelding[]> = new Map([
  ['999990007', [{ schooljaar: '2024-2025', uren: 16 }, { schooljaar: '2025-2026', uren: 24 }]],
]);

export function leerplichtSchema(): GraphQLSchema {
  return buildSubgraphSchema({
    typeDefs: parse(readFileSync(new URL('./leerplicht.graphql', import.meta.url), 'utf8')),
    resolvers: {
      Persoon: {
        // A person this office holds nothing about is answered with the key and no reports.
        __resolveReference: ({ bsn }: { bsn: string }) => ({ bsn }),
        verzuimmeldingen: ({ bsn }: { bsn: string }) => MELDINGEN.get(bsn) ?? [],
      },
    },
  });
}

/** The subgraph's HTTP server at /graphql, answering only calls with the gateway's token for exactly that call. */
export function leerplichtServer(gatewayKeys: JSONWebKeySet | URL): Server {
  const verifier = createGatewayTokenVerifier({ partner: PARTNER, jwks: gatewayKeys });
  const yoga = createYoga({ schema: leerplichtSchema(), plugins: [gatewayTokenEnvelopPlugin(verifier)], logging: false });
  return createServer(yoga);
}

function gatewayKeysFrom(source: string | undefined): JSONWebKeySet | URL {
  if (source === undefined || source === '') {
    throw new Error("Refusing to start: set DOELPOORT_GATEWAY_JWKS to the gateway's key set (its /.well-known/jwks.json URL, or a JWKS file).");
  }
  return /^https?:\/\//.test(source) ? new URL(source) : (JSON.parse(readFileSync(source, 'utf8')) as JSONWebKeySet);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.PORT ?? 4200);
  leerplichtServer(gatewayKeysFrom(process.env.DOELPOORT_GATEWAY_JWKS)).listen(port, '127.0.0.1', () => {
    console.log(`${PARTNER} http://127.0.0.1:${port}/graphql`);
  });
}
