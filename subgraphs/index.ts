/** Every partner's subgraph over one World, built or served together. */
import type { PartnerId, World } from './world/index.ts';
import type { PartnerSubgraph } from './kit/build.ts';
import { serveSubgraph } from './kit/serve.ts';
import type { ServeOptions } from './kit/serve.ts';
import { createBagSubgraph } from './bag/index.ts';
import { createBrpSubgraph } from './brp/index.ts';
import { createIndSubgraph } from './ind/index.ts';
import { createInlichtingenbureauSubgraph } from './inlichtingenbureau/index.ts';
import { createPolitieSubgraph } from './politie/index.ts';
import { createRdwSubgraph } from './rdw/index.ts';
import { createSocialeDienstSubgraph } from './sociale-dienst/index.ts';
import { createWoningcorporatieSubgraph } from './woningcorporatie/index.ts';

export type { PartnerSubgraph } from './kit/build.ts';

/** The partners' subgraph factories, by partner id. */
export const SUBGRAPH_FACTORIES: ReadonlyArray<readonly [PartnerId, (world: World) => PartnerSubgraph]> = [
  ['brp', createBrpSubgraph],
  ['bag', createBagSubgraph],
  ['sociale-dienst', createSocialeDienstSubgraph],
  ['ind', createIndSubgraph],
  ['politie', createPolitieSubgraph],
  ['woningcorporatie', createWoningcorporatieSubgraph],
  ['rdw', createRdwSubgraph],
  ['inlichtingenbureau', createInlichtingenbureauSubgraph],
];

export function createAllSubgraphs(world: World): PartnerSubgraph[] {
  return SUBGRAPH_FACTORIES.map(([, create]) => create(world));
}

export interface ServeAllOptions {
  /** Subgraph i listens on basePort + i; 0 (the default) gives each an ephemeral port. */
  basePort?: number;
  host?: string;
  onRequest?: ServeOptions['onRequest'];
}

export interface ServedSubgraphs {
  subgraphs: { name: string; url: string }[];
  close(): Promise<void>;
}

export async function serveAllSubgraphs(world: World, { basePort = 0, host, onRequest }: ServeAllOptions = {}): Promise<ServedSubgraphs> {
  const built = createAllSubgraphs(world);
  const served: Array<{ name: string; url: string; close(): Promise<void> }> = [];
  try {
    for (const [i, subgraph] of built.entries()) {
      const { url, close } = await serveSubgraph(subgraph, { port: basePort === 0 ? 0 : basePort + i, host, onRequest });
      served.push({ name: subgraph.name, url, close });
    }
  } catch (error) {
    await Promise.all(served.map((s) => s.close()));
    throw error;
  }
  return {
    subgraphs: served.map(({ name, url }) => ({ name, url })),
    close: async () => {
      await Promise.all(served.map((s) => s.close()));
    },
  };
}
