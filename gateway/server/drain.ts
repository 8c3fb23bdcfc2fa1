/**
 * A graceful stop of the gateway's HTTP server. At once: no new connection is accepted, and every
 * answer not yet sent says `Connection: close`, so each connection ends after its answer. A
 * keep-alive connection that is idle stays open while requests are still running, so that a
 * client sending on it meanwhile is answered (with `Connection: close`) rather than reset; once no
 * request is running, the idle ones are closed, and the stop is done when the last one is.
 */
import type { Server, ServerResponse } from 'node:http';
import { Server as NetServer } from 'node:net';

const SWEEP_MS = 25;

/** Prepares `server` for a graceful stop; returns the function that stops it. */
export function drainable(server: Server): () => Promise<void> {
  const running = new Set<ServerResponse>();
  let draining = false;
  server.prependListener('request', (_req, res: ServerResponse) => {
    running.add(res);
    if (draining) res.setHeader('connection', 'close');
    res.once('close', () => running.delete(res));
  });
  return async () => {
    draining = true;
    for (const res of running) if (!res.headersSent) res.setHeader('connection', 'close');
    // http.Server.close() would also close the idle keep-alive connections at once; net's close only stops accepting.
    const closed = new Promise<void>((resolve) => NetServer.prototype.close.call(server, () => resolve()));
    const closeIdleWhenNothingRuns = () => {
      if (running.size === 0) server.closeIdleConnections();
    };
    const sweep = setInterval(closeIdleWhenNothingRuns, SWEEP_MS);
    closeIdleWhenNothingRuns();
    try {
      await closed;
    } finally {
      clearInterval(sweep);
      // What http.Server.close() does besides: stops its timer for request timeouts.
      server.close();
    }
  };
}
