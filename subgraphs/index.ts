/** Every partner's subgraph over one World, built or served together. */
import type { PartnerId, World } from './world/index.ts';
import type { JSONWebKeySet } from 'jose';
import { createGatewayTokenVerifier } from '@doelpoort/subgraph-kit';
import { serveSubgraph, type PartnerSubgraph, type ServeOptions, type ServedSubgraph } from '@doelpoort/subgraph-kit/subgraph';
import { createArbeidsinspectieSubgraph } from './arbeidsinspectie/index.ts';
import { createBagSubgraph } from './bag/index.ts';
import { createBelastingdienstSubgraph } from './belastingdienst/index.ts';
import { createBrpSubgraph } from './brp/index.ts';
import { createIndSubgraph } from './ind/index.ts';
import { createInlichtingenbureauSubgraph } from './inlichtingenbureau/index.ts';
import { createPolitieSubgraph } from './politie/index.ts';
import { createRdwSubgraph } from './rdw/index.ts';
import { createSocialeDienstSubgraph } from './sociale-dienst/index.ts';
import { createSvbSubgraph } from './svb/index.ts';
import { createUwvSubgraph } from './uwv/index.ts';
import { createWijkteamSubgraph } from './wijkteam/index.ts';
import { createWoningcorporatieSubgraph } from './woningcorporatie/index.ts';

export type { PartnerSubgraph } from '@doelpoort/subgraph-kit/subgraph';

export type SubgraphFactory = (world: World) => PartnerSubgraph;

/** The partners' subgraph factories with their partner ids, in the order of PARTNERS. */
export const SUBGRAPH_FACTORIES: ReadonlyArray<readonly [PartnerId, SubgraphFactory]> = [
  ['brp', createBrpSubgraph],
  ['bag', createBagSubgraph],
  ['sociale-dienst', createSocialeDienstSubgraph],
  ['wijkteam', createWijkteamSubgraph],
  ['uwv', createUwvSubgraph],
  ['belastingdienst', createBelastingdienstSubgraph],
  ['svb', createSvbSubgraph],
  ['arbeidsinspectie', createArbeidsinspectieSubgraph],
  ['ind', createIndSubgraph],
  ['politie', createPolitieSubgraph],
  ['woningcorporatie', createWoningcorporatieSubgraph],
  ['rdw', createRdwSubgraph],
  ['inlichtingenbureau', createInlichtingenbureauSubgraph],
];

/** The partners' subgraph factories, in the order of PARTNERS. */
export const PARTNER_SUBGRAPHS: readonly SubgraphFactory[] = SUBGRAPH_FACTORIES.map(([, create]) => create);

export function createAllSubgraphs(world: World): PartnerSubgraph[] {
  return PARTNER_SUBGRAPHS.map((create) => create(world));
}

export interface ServeAllOptions {
  /** The gateway's public key set (or its URL): every partner verifies the gateway's token of each call with it. */
  gatewayKeys: JSONWebKeySet | URL;
  /** Subgraph i listens on basePort + i; 0 (the default) gives each an ephemeral port. */
  basePort?: number;
  /** Default 127.0.0.1. */
  host?: string;
  onRequest?: ServeOptions['onRequest'];
}

export interface ServedSubgraphs {
  /** In the order of PARTNERS, as built (sdl, schema); url is the GraphQL endpoint with the port actually bound. */
  subgraphs: (PartnerSubgraph & { url: string })[];
  close(): Promise<void>;
}

/**
 * Serves every partner subgraph over one World, each on its own port, each answering only calls
 * that carry the gateway's token for exactly that call. When one cannot listen, the ones already
 * listening are closed and the error names the subgraph and the port.
 */
export async function serveAllSubgraphs(world: World, { gatewayKeys, basePort = 0, host = '127.0.0.1', onRequest }: ServeAllOptions): Promise<ServedSubgraphs> {
  const built = createAllSubgraphs(world);
  checkBasePort(basePort, built.length);
  const served: { subgraph: PartnerSubgraph; server: ServedSubgraph }[] = [];
  const closeAll = async (): Promise<void> => {
    await Promise.all(served.map(({ server }) => server.close()));
  };
  for (const [i, subgraph] of built.entries()) {
    const port = basePort === 0 ? 0 : basePort + i;
    try {
      const verifier = createGatewayTokenVerifier({ partner: subgraph.name, jwks: gatewayKeys });
      served.push({ subgraph, server: await serveSubgraph(subgraph, { port, host, verifier, ...(onRequest ? { onRequest } : {}) }) });
    } catch (error) {
      await closeAll();
      const where = port === 0 ? `an ephemeral port on ${host}` : `port ${port} on ${host}`;
      throw new Error(`The ${subgraph.name} subgraph could not listen on ${where}: ${(error as Error).message}`, { cause: error });
    }
  }
  return { subgraphs: served.map(({ subgraph, server }) => ({ ...subgraph, url: server.url })), close: closeAll };
}

function checkBasePort(basePort: number, count: number): void {
  if (!Number.isInteger(basePort) || basePort < 0 || basePort + count - 1 > 65535) {
    throw new RangeError(`basePort must be 0 (ephemeral ports) or a whole number from 1 to ${65535 - count + 1}, so that ${count} subgraphs fit; got ${basePort}.`);
  }
}
