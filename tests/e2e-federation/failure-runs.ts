/**
 * The scenario 1 combined view over real HTTP while one partner fails: stopped, hanging past the
 * executor's timeout, or refusing with HTTP 500. Shared by the failure tests and the check that no
 * error message carries a BSN.
 */
import type { ExecutionResult } from 'graphql';
import { SubgraphRequestRefused } from '@doelpoort/subgraph-kit/subgraph';
import { defaultWorld } from '../../subgraphs/world/index.ts';
import { createHttpWorldGateway, type OnSubgraphRequest, type PartnerCall } from '../helpers/world-gateway.ts';
import { SCENARIO_1_QUERY } from './scenario-1.ts';

/** The executor's time limit per partner call while a partner hangs (after a warm-up run). */
export const TIMEOUT_MS = 1000;

/** A refusal whose message names a BSN, as a careless partner might write it. */
export const REFUSAL_MESSAGE = 'Storing in de toeslagenadministratie bij BSN 999990007';

export interface FailureRun {
  result: ExecutionResult;
  calls: PartnerCall[];
}

interface SetUp {
  onRequest?: OnSubgraphRequest;
  stop?: string;
  /** Run the query once first (partners warm, so that only the failing one can be slow), then call this. */
  afterWarmUp?: () => void;
}

async function runScenario1(setUp: SetUp): Promise<FailureRun> {
  const gateway = await createHttpWorldGateway(defaultWorld(), {
    ...(setUp.afterWarmUp ? { timeoutMs: TIMEOUT_MS } : {}),
    ...(setUp.onRequest ? { onRequest: setUp.onRequest } : {}),
  });
  try {
    if (setUp.stop) await gateway.stop(setUp.stop);
    if (setUp.afterWarmUp) {
      await gateway.run(SCENARIO_1_QUERY);
      gateway.reset();
      setUp.afterWarmUp();
    }
    const { result } = await gateway.run(SCENARIO_1_QUERY);
    return { result, calls: [...gateway.calls] };
  } finally {
    await gateway.close();
  }
}

/** The partner's server is stopped before the query. */
export function runWithPartnerStopped(subgraph: string): Promise<FailureRun> {
  return runScenario1({ stop: subgraph });
}

/** How long a hanging partner holds a call at most: far beyond TIMEOUT_MS. */
export const HANG_MS = 10_000;

/**
 * After a warm-up run, the partner accepts every call and holds it for HANG_MS. `answeredBeforePartner` says whether the
 * response was complete while the partner still held its calls (the executor did not wait for it).
 */
export async function runWithPartnerHanging(subgraph: string): Promise<FailureRun & { answeredBeforePartner: boolean }> {
  let armed = false;
  let hangEnded = false;
  let timer: NodeJS.Timeout | undefined;
  let release!: () => void;
  const hang = new Promise<void>((resolve) => {
    release = resolve;
    timer = setTimeout(resolve, HANG_MS);
  }).then(() => void (hangEnded = true));
  try {
    const run = await runScenario1({
      onRequest: (request) => (armed && request.subgraph === subgraph ? hang : undefined),
      afterWarmUp: () => void (armed = true),
    });
    return { ...run, answeredBeforePartner: !hangEnded };
  } finally {
    clearTimeout(timer);
    release();
  }
}

/** The partner refuses every call with HTTP 500 and REFUSAL_MESSAGE. */
export function runWithPartnerRefusing(subgraph: string): Promise<FailureRun> {
  return runScenario1({
    onRequest: (request) => {
      if (request.subgraph === subgraph) throw new SubgraphRequestRefused(500, REFUSAL_MESSAGE);
    },
  });
}
