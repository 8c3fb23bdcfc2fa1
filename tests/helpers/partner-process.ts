/**
 * Partner subgraphs in a process of their own, as `npm run subgraphs -- <which> <port>` serves
 * them (subgraphs/serve.ts): `which` is one partner or `all`; port 0 gives each an ephemeral port.
 * Every partner verifies the gateway's tokens against the key set in `gatewayJwksFile`.
 * Resolves once every subgraph it serves has printed its URL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ALL_PARTNERS = 13;

export interface PartnerProcess {
  child: ChildProcess;
  /** Subgraph name → its GraphQL URL. */
  urls: Map<string, string>;
  exited: Promise<void>;
}

export async function startPartnerProcess(which: string, gatewayJwksFile: string, port = 0): Promise<PartnerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'subgraphs/serve.ts', which, String(port)], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TMPDIR: process.env.TMPDIR ?? '/tmp', DOELPOORT_GATEWAY_JWKS: gatewayJwksFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const urls = new Map<string, string>();
  const expected = which === 'all' ? ALL_PARTNERS : 1;
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  await new Promise<void>((resolve, reject) => {
    let partial = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      partial += chunk.toString('utf8');
      const lines = partial.split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        const [name, url] = line.trim().split(' ');
        if (name && url?.startsWith('http')) urls.set(name, url);
      }
      if (urls.size >= expected) resolve();
    });
    void exited.then(() => reject(new Error(`the partner process (${which}) exited before serving; stderr: ${stderr}`)));
  });
  return { child, urls, exited };
}
