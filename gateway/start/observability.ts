/** Start step "observability": the logger, the metrics and, with an OTLP endpoint, the tracer. */
import type { Writable } from 'node:stream';
import type { Config } from '../config/index.ts';
import { createLogger, type Logger } from '../observability/log.ts';
import { createGatewayMetrics, type GatewayMetrics } from '../observability/metrics.ts';
import { createTracer, type Tracer } from '../observability/tracing.ts';

export interface Observability {
  logger: Logger;
  metrics: GatewayMetrics;
  /** Only with `otlpEndpoint` configured. */
  tracer?: Tracer;
}

export function startObservability(config: Pick<Config, 'logLevel' | 'otlpEndpoint'>, logStream?: Pick<Writable, 'write'>): Observability {
  const logger = createLogger({ level: config.logLevel, ...(logStream ? { stream: logStream } : {}) });
  const metrics = createGatewayMetrics();
  if (!config.otlpEndpoint) return { logger, metrics };
  const tracer = createTracer({
    endpoint: config.otlpEndpoint,
    serviceName: 'doelpoort-gateway',
    onExportError: (error) => logger.warn('tracing.export-failed', { message: error.message }),
  });
  return { logger, metrics, tracer };
}
