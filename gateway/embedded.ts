/**
 * The embedded default's partners, as the gateway receives them: something that serves the
 * partners' subgraphs in process and the signals to lay in each project at start. The gateway
 * brings no partner of its own; `npm start` passes the synthetic world's (scripts/embedded-default.ts).
 */
import type { JSONWebKeySet } from 'jose';
import type { SubgraphRequest } from '@doelpoort/subgraph-kit/subgraph';
import type { SignalSource } from './store/signals.ts';

export interface EmbeddedServeOptions {
  /** The gateway's public key set: every partner verifies the gateway's token of each call with it. */
  gatewayKeys: JSONWebKeySet;
  /** Subgraph i listens on basePort + i; 0 gives each an ephemeral port. */
  basePort: number;
  host: string;
  /** Observes every request a partner receives, before it checks the gateway token (for tests). */
  onRequest?: (request: SubgraphRequest) => void;
}

export interface EmbeddedPartners {
  serve(options: EmbeddedServeOptions): Promise<{ subgraphs: { name: string; url: string; sdl: string }[]; close(): Promise<void> }>;
  /** The addresses and signals laid in each project at start. */
  signals: SignalSource;
}
