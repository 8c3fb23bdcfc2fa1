/**
 * Serves the partner subgraphs over the default synthetic world, each verifying the gateway's
 * token of every call exactly as the embedded ones do. The gateway's public key set is required:
 * a file (a JWKS as JSON) or the gateway's URL for it, from --gateway-keys or DOELPOORT_GATEWAY_JWKS.
 *
 *   npx tsx subgraphs/serve.ts all 4101 --gateway-keys http://127.0.0.1:4000/.well-known/jwks.json
 *   npx tsx subgraphs/serve.ts brp 4101 --gateway-keys ./gateway-jwks.json
 *   DOELPOORT_GATEWAY_JWKS=./gateway-jwks.json npx tsx subgraphs/serve.ts      every subgraph, on ephemeral ports
 *
 * They listen on 127.0.0.1; DOELPOORT_SUBGRAPHS_HOST sets another address (0.0.0.0 in a container).
 */
import { readFileSync } from 'node:fs';
import type { JSONWebKeySet } from 'jose';
import { createGatewayTokenVerifier } from '@doelpoort/subgraph-kit';
import { serveSubgraph } from '@doelpoort/subgraph-kit/subgraph';
import { SUBGRAPH_FACTORIES, serveAllSubgraphs } from './index.ts';
import { defaultWorld } from './world/index.ts';

const USAGE = `usage: serve.ts [all|${SUBGRAPH_FACTORIES.map(([id]) => id).join('|')}] [port] --gateway-keys <jwks file or URL>`;

class UsageError extends Error {}

async function main(args: string[]): Promise<void> {
  const { positional, keysOption } = splitOptions(args);
  const [which = 'all', portText = '0', ...rest] = positional;
  const port = Number(portText);
  if (rest.length > 0 || !Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(USAGE);
  const gatewayKeys = loadGatewayKeys(keysOption ?? process.env.DOELPOORT_GATEWAY_JWKS);
  const host = process.env.DOELPOORT_SUBGRAPHS_HOST || '127.0.0.1';

  if (which === 'all') {
    const served = await serveAllSubgraphs(defaultWorld(), { gatewayKeys, basePort: port, host });
    for (const { name, url } of served.subgraphs) console.log(`${name} ${url}`);
    closeOnSignal(served.close);
    return;
  }
  const factory = SUBGRAPH_FACTORIES.find(([id]) => id === which);
  if (factory === undefined) throw new UsageError(`unknown subgraph "${which}"\n${USAGE}`);
  const verifier = createGatewayTokenVerifier({ partner: which, jwks: gatewayKeys });
  const served = await serveSubgraph(factory[1](defaultWorld()), { port, host, verifier });
  console.log(`${which} ${served.url}`);
  closeOnSignal(served.close);
}

function splitOptions(args: string[]): { positional: string[]; keysOption: string | undefined } {
  const positional: string[] = [];
  let keysOption: string | undefined;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === '--gateway-keys') keysOption = args[(i += 1)] ?? '';
    else if (arg.startsWith('--gateway-keys=')) keysOption = arg.slice('--gateway-keys='.length);
    else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}\n${USAGE}`);
    else positional.push(arg);
  }
  return { positional, keysOption };
}

/** The gateway's key set from a URL or a JWKS file; without one, no partner starts. */
function loadGatewayKeys(source: string | undefined): JSONWebKeySet | URL {
  if (source === undefined || source.trim() === '') {
    throw new UsageError(
      "Refusing to start: the partners need the gateway's public key set to check that every call comes from the gateway. " +
        'Give --gateway-keys <file or URL> (the gateway serves it at /.well-known/jwks.json) or set DOELPOORT_GATEWAY_JWKS.\n' +
        USAGE,
    );
  }
  if (/^https?:\/\//.test(source)) return new URL(source);
  let keys: unknown;
  try {
    keys = JSON.parse(readFileSync(source, 'utf8'));
  } catch (error) {
    throw new UsageError(`Refusing to start: the gateway's key set ${source} cannot be read as JSON (${(error as Error).message}).`);
  }
  if (typeof keys !== 'object' || keys === null || !Array.isArray((keys as { keys?: unknown }).keys) || (keys as JSONWebKeySet).keys.length === 0) {
    throw new UsageError(`Refusing to start: ${source} is not a JWKS with at least one key ({ "keys": [ ... ] }).`);
  }
  return keys as JSONWebKeySet;
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
