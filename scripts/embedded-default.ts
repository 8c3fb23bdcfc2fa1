/**
 * The embedded default's partners: the thirteen partner subgraphs over the synthetic world, served
 * in process, and the world's signals. `npm start` (and the tests of the whole product) pass them to
 * the gateway, which brings no partner of its own.
 */
import type { EmbeddedPartners } from '../gateway/embedded.ts';
import { serveAllSubgraphs } from '../subgraphs/index.ts';
import { defaultWorld } from '../subgraphs/world/index.ts';

export function embeddedDefault(): EmbeddedPartners {
  const world = defaultWorld();
  return { serve: (options) => serveAllSubgraphs(world, options), signals: world };
}
