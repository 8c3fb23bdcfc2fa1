/**
 * Doelpoort as an operator runs it: configuration from the environment, an optional config file
 * and the command line (docs/configuration.md), the product started, one JSON line per life-cycle
 * event on standard output, and a graceful stop on the first SIGTERM or SIGINT
 * (docs/operations.md). Whatever goes wrong ends the process with a message on standard error.
 */
import { ConfigError, loadConfig } from '../gateway/config/index.ts';
import { startDoelpoort, type StartOptions } from '../gateway/main.ts';
import { embeddedDefault } from './embedded-default.ts';

/**
 * One signal can arrive twice at once: npm passes the SIGTERM or SIGINT it gets on to the gateway,
 * and a terminal's Ctrl-C or a service manager signals the whole process group (npm and the
 * gateway). A repeat of the same signal this soon after the first is that one signal.
 */
const REPEAT_WINDOW_MS = 1000;

function log(event: string, fields: Record<string, unknown> = {}): void {
  process.stdout.write(`${JSON.stringify({ level: 'info', time: new Date().toISOString(), event, ...fields })}\n`);
}

/** Runs the product until a signal stops it. `options` come from code only (a test's clock), never from the command line. */
export function runDoelpoort(argv: readonly string[], options: StartOptions = {}): void {
  run(argv, options).catch((error: unknown) => {
    process.stderr.write(`Doelpoort could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}

async function run(argv: readonly string[], options: StartOptions): Promise<void> {
  let config;
  try {
    config = loadConfig({ argv: [...argv] });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  if (config.databaseUrl === undefined) {
    process.stdout.write(`Starting Doelpoort (embedded database in ${config.dataDir}; the first start creates it and takes a little longer) …\n`);
  }
  const doelpoort = await startDoelpoort(config, { embedded: embeddedDefault, ...options });
  log('gateway.started', { pid: process.pid, url: doelpoort.url, subgraphs: doelpoort.subgraphs.length, store: config.databaseUrl ? 'postgresql' : 'pglite' });
  process.stdout.write(
    [
      '',
      `Doelpoort is running: ${doelpoort.url}`,
      `The web app: ${doelpoort.url.replace(/graphql$/, '')} (open it in a browser).`,
      ...(doelpoort.localIssuer
        ? ['Get a token for the examples (README.md) with:', '  npm run token -- --role analist --org sociale-dienst --project wijkaanpak-2026']
        : []),
      '',
    ].join('\n'),
  );
  // The first signal stops gracefully (docs/operations.md); a second one exits at once.
  let first: { signal: string; at: number } | undefined;
  const stop = (signal: string) => {
    if (first !== undefined) {
      if (signal === first.signal && performance.now() - first.at < REPEAT_WINDOW_MS) return;
      log('gateway.stopped', { signal, graceful: false });
      process.exit(1);
    }
    first = { signal, at: performance.now() };
    // stop() closes the listener before it first waits, so "stopping" is logged once no new connection is accepted.
    const stopped = doelpoort.stop();
    log('gateway.stopping', { signal });
    stopped.then(
      () => {
        log('gateway.stopped', { signal, graceful: true });
        process.exit(0);
      },
      (error: unknown) => {
        process.stderr.write(`Doelpoort could not stop cleanly: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
