/**
 * Serves the partner subgraphs over the default synthetic world.
 *
 *   npx tsx subgraphs/serve.ts brp 4101     one subgraph on port 4101
 *   npx tsx subgraphs/serve.ts all 4101     every subgraph, on 4101, 4102, ...
 *   npx tsx subgraphs/serve.ts              every subgraph, on ephemeral ports
 */
import { SUBGRAPH_FACTORIES, serveAllSubgraphs } from './index.ts';
import { serveSubgraph } from './kit/serve.ts';
import { defaultWorld } from './world/index.ts';

const USAGE = `usage: serve.ts [all|${SUBGRAPH_FACTORIES.map(([id]) => id).join('|')}] [port]`;

async function main(args: string[]): Promise<void> {
  const [which = 'all', portText = '0', ...rest] = args;
  const port = Number(portText);
  if (rest.length > 0 || !Number.isInteger(port) || port < 0 || port > 65535) throw new Error(USAGE);

  if (which === 'all') {
    const served = await serveAllSubgraphs(defaultWorld(), { basePort: port });
    for (const { name, url } of served.subgraphs) console.log(`${name} ${url}`);
    closeOnSignal(served.close);
    return;
  }
  const factory = SUBGRAPH_FACTORIES.find(([id]) => id === which);
  if (factory === undefined) throw new Error(`unknown subgraph "${which}"\n${USAGE}`);
  const served = await serveSubgraph(factory[1](defaultWorld()), { port });
  console.log(`${which} ${served.url}`);
  closeOnSignal(served.close);
}

function closeOnSignal(close: () => Promise<void>): void {
  const stop = () => {
    close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(2);
});
