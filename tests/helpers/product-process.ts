/**
 * The product as an operator runs it: `npm start`'s run (scripts/run-doelpoort.ts) in a child
 * process, on the embedded default with PGlite in `dataDir` and a free port, judging requests on
 * a clock pinned to TEST_DAY (product-process-main.ts). The environment is given explicitly, so a
 * DATABASE_URL of the shell is never used; only a faked system clock (libfaketime) is passed on,
 * so that tokens signed here are checked there on the same clock. Signals go to the process itself.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { TEST_DAY } from './test-clock.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ProductProcess {
  child: ChildProcess;
  /** The gateway's GraphQL endpoint. */
  url: string;
  /** Every JSON line the process wrote to standard output so far. */
  events(): Record<string, unknown>[];
  /** Resolves with the first JSON line whose `event` is `event` (already written or still to come). */
  waitForEvent(event: string): Promise<Record<string, unknown>>;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface ProductProcessOptions {
  /**
   * Start with `npm start` itself (the child is then npm, which starts the gateway on the system
   * clock) rather than node on the pinned day.
   */
  viaNpmStart?: boolean;
  /** More environment: DATABASE_URL, DOELPOORT_SUBGRAPHS, ... */
  env?: Record<string, string>;
}

export async function startProductProcess(dataDir: string, options: ProductProcessOptions = {}): Promise<ProductProcess> {
  const [command, args] = options.viaNpmStart
    ? ['npm', ['start']]
    : [process.execPath, ['--import', 'tsx', 'tests/helpers/product-process-main.ts', TEST_DAY]];
  const child = spawn(command, args, {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      TMPDIR: process.env.TMPDIR ?? '/tmp',
      DOELPOORT_DATA_DIR: dataDir,
      DOELPOORT_PORT: '0',
      DOELPOORT_HOST: '127.0.0.1',
      ...fakedSystemClock(),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  const waiting: { event: string; resolve: (line: Record<string, unknown>) => void }[] = [];
  let partial = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  child.stdout!.on('data', (chunk: Buffer) => {
    partial += chunk.toString('utf8');
    const parts = partial.split('\n');
    partial = parts.pop() ?? '';
    for (const text of parts.filter((t) => t.startsWith('{'))) {
      const line = JSON.parse(text) as Record<string, unknown>;
      lines.push(line);
      for (const w of waiting.filter((w) => w.event === line['event'])) w.resolve(line);
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const waitForEvent = (event: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const seen = lines.find((line) => line['event'] === event);
      if (seen) return resolve(seen);
      waiting.push({ event, resolve });
      void exited.then(({ code }) => reject(new Error(`the product exited (code ${code}) before "${event}"; stderr: ${stderr}`)));
    });
  const started = await waitForEvent('gateway.started');
  return { child, url: String(started['url']), events: () => [...lines], waitForEvent, exited };
}

/** The variables through which libfaketime fakes this process's system clock, if it does. */
function fakedSystemClock(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined && (entry[0] === 'LD_PRELOAD' || entry[0].startsWith('FAKETIME'))));
}
