import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SubgraphFetcher, SubgraphRequest, SubgraphResponse } from '../../gateway/executor/subgraph-client.ts';
import { createResilientFetcher, type PartnerCall, type ResilienceOptions } from '../../gateway/partners/resilient-fetcher.ts';

const QUERY: SubgraphRequest = { query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Persoon { naam } } }' };
const MUTATION: SubgraphRequest = { query: 'mutation { selecteerAdres(project: "p", adresId: "a", reden: "r") { id } }' };
const OK: SubgraphResponse = { data: { _entities: [{ naam: 'Jansen' }] } };
const DOWN: SubgraphResponse = { failure: { code: 'SUBGRAPH_UNAVAILABLE', message: 'could not be reached' } };
const CALL = { timeoutMs: 5000 };

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** A fetcher answering from a script, one answer per call, counting calls per URL. */
function scripted(answers: (SubgraphResponse | Promise<SubgraphResponse>)[]) {
  const calls: { url: string; timeoutMs: number }[] = [];
  const fetcher: SubgraphFetcher = async (url, _request, options) => {
    calls.push({ url, timeoutMs: options.timeoutMs });
    const next = answers.shift();
    if (!next) throw new Error('no answer scripted');
    return next;
  };
  return { fetcher, calls };
}

/** The breaker's clock and every wait (timeouts, backoffs) are vitest's fake timers. */
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  vi.setSystemTime(1_000_000);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

function setUp(inner: SubgraphFetcher, overrides: Partial<ResilienceOptions> = {}) {
  const seen: PartnerCall[] = [];
  const fetcher = createResilientFetcher(inner, {
    partnerOf: (url) => new URL(url).hostname,
    timeoutMs: 5000,
    maxConcurrentPerPartner: 4,
    maxQueuedPerPartner: 100,
    breaker: { failureThreshold: 3, resetAfterMs: 10_000 },
    retries: { attempts: 1, baseDelayMs: 100 },
    onCall: (call) => void seen.push({ ...call }),
    ...overrides,
  });
  return { fetcher, seen };
}

describe('timeout', () => {
  it('answers SUBGRAPH_TIMEOUT for a partner that never answers, after the configured timeout', async () => {
    const { fetcher, calls } = scripted([new Promise<SubgraphResponse>(() => {}), new Promise<SubgraphResponse>(() => {})]);
    const resilient = setUp(fetcher, { timeoutMs: 20 }).fetcher;
    const answer = resilient('http://uwv/graphql', QUERY, CALL);
    await vi.advanceTimersByTimeAsync(20);
    expect(await answer).toEqual({ failure: { code: 'SUBGRAPH_TIMEOUT', message: 'did not answer within 20 ms' } });
    expect(calls).toEqual([{ url: 'http://uwv/graphql', timeoutMs: 20 }]);
    // A call given less time (the request's deadline is near) times out sooner.
    const sooner = resilient('http://uwv/graphql', QUERY, { timeoutMs: 5 });
    await vi.advanceTimersByTimeAsync(5);
    expect(await sooner).toEqual({ failure: { code: 'SUBGRAPH_TIMEOUT', message: 'did not answer within 5 ms' } });
    expect(resilient.partnerStatus()).toEqual({ uwv: { state: 'closed', inFlight: 0, queued: 0 } });
  });

  it('answers a fetcher that throws as unavailable', async () => {
    const resilient = setUp(async () => {
      throw new Error('boom');
    }).fetcher;
    expect(await resilient('http://uwv/graphql', QUERY, CALL)).toEqual({ failure: { code: 'SUBGRAPH_UNAVAILABLE', message: 'could not be called' } });
  });
});

describe('circuit breaker', () => {
  it('opens after the threshold of consecutive failures and then answers without calling the partner', async () => {
    const { fetcher, calls } = scripted([DOWN, DOWN, DOWN]);
    const { fetcher: resilient, seen } = setUp(fetcher);
    for (let i = 0; i < 3; i++) expect(await resilient('http://uwv/graphql', QUERY, CALL)).toEqual(DOWN);
    expect(resilient.partnerStatus().uwv?.state).toBe('open');
    vi.advanceTimersByTime(4000);
    expect(await resilient('http://uwv/graphql', QUERY, CALL)).toEqual({
      failure: { code: 'SUBGRAPH_UNAVAILABLE', message: 'circuit open after 3 consecutive failures; next trial in 6000 ms', refused: true },
    });
    expect(calls).toHaveLength(3);
    expect(seen.map((c) => [c.status, c.refused])).toEqual([
      ['SUBGRAPH_UNAVAILABLE', false],
      ['SUBGRAPH_UNAVAILABLE', false],
      ['SUBGRAPH_UNAVAILABLE', false],
      ['CIRCUIT_OPEN', true],
    ]);
  });

  it('keeps partners apart: one partner’s open circuit does not refuse another', async () => {
    const { fetcher } = scripted([DOWN, DOWN, DOWN, OK]);
    const resilient = setUp(fetcher).fetcher;
    for (let i = 0; i < 3; i++) await resilient('http://uwv/graphql', QUERY, CALL);
    expect(await resilient('http://svb/graphql', QUERY, CALL)).toEqual(OK);
    expect(resilient.partnerStatus()).toEqual({
      uwv: { state: 'open', inFlight: 0, queued: 0 },
      svb: { state: 'closed', inFlight: 0, queued: 0 },
    });
  });

  it('counts only consecutive failures', async () => {
    const { fetcher } = scripted([DOWN, DOWN, OK, DOWN, DOWN]);
    const resilient = setUp(fetcher).fetcher;
    for (let i = 0; i < 5; i++) await resilient('http://uwv/graphql', QUERY, CALL);
    expect(resilient.partnerStatus().uwv?.state).toBe('closed');
  });

  it('lets one trial through once half-open, refusing others meanwhile, and closes on its success', async () => {
    const trial = deferred<SubgraphResponse>();
    const { fetcher, calls } = scripted([DOWN, DOWN, DOWN, trial.promise, OK]);
    const { fetcher: resilient } = setUp(fetcher);
    for (let i = 0; i < 3; i++) await resilient('http://uwv/graphql', QUERY, CALL);
    vi.advanceTimersByTime(10_000);
    expect(resilient.partnerStatus().uwv?.state).toBe('half-open');
    const trialCall = resilient('http://uwv/graphql', QUERY, CALL);
    await Promise.resolve();
    expect(await resilient('http://uwv/graphql', QUERY, CALL)).toEqual({
      failure: { code: 'SUBGRAPH_UNAVAILABLE', message: 'circuit half-open; a trial call is under way', refused: true },
    });
    trial.resolve(OK);
    expect(await trialCall).toEqual(OK);
    expect(resilient.partnerStatus().uwv?.state).toBe('closed');
    expect(await resilient('http://uwv/graphql', QUERY, CALL)).toEqual(OK);
    expect(calls).toHaveLength(5);
  });

  it('opens again for a full reset period when the trial fails', async () => {
    const { fetcher, calls } = scripted([DOWN, DOWN, DOWN, DOWN]);
    const { fetcher: resilient } = setUp(fetcher);
    for (let i = 0; i < 3; i++) await resilient('http://uwv/graphql', QUERY, CALL);
    vi.advanceTimersByTime(10_000);
    expect(await resilient('http://uwv/graphql', QUERY, CALL)).toEqual(DOWN);
    expect(resilient.partnerStatus().uwv?.state).toBe('open');
    vi.advanceTimersByTime(9_999);
    expect((await resilient('http://uwv/graphql', QUERY, CALL)).failure?.message).toBe('circuit open after 3 consecutive failures; next trial in 1 ms');
    expect(calls).toHaveLength(4);
  });
});

describe('circuit breaker and queue', () => {
  it('refuses a queued call whose turn comes after the circuit opened', async () => {
    const first = deferred<SubgraphResponse>();
    const { fetcher, calls } = scripted([first.promise]);
    const resilient = setUp(fetcher, { maxConcurrentPerPartner: 1, breaker: { failureThreshold: 1, resetAfterMs: 1000 } }).fetcher;
    const a = resilient('http://uwv/graphql', QUERY, CALL);
    const b = resilient('http://uwv/graphql', QUERY, CALL);
    await new Promise((r) => setImmediate(r));
    expect(resilient.partnerStatus().uwv).toEqual({ state: 'closed', inFlight: 1, queued: 1 });
    first.resolve(DOWN);
    expect(await a).toEqual(DOWN);
    expect((await b).failure?.message).toBe('circuit open after 1 consecutive failures; next trial in 1000 ms');
    expect(calls).toHaveLength(1);
  });
});

describe('retries', () => {
  it('retries a query after a timeout or unavailability, waiting a full-jitter backoff each time', async () => {
    const timeout: SubgraphResponse = { failure: { code: 'SUBGRAPH_TIMEOUT', message: 'did not answer within 5000 ms' } };
    const { fetcher, calls } = scripted([timeout, DOWN, OK]);
    const randoms = [0.5, 0.999];
    vi.spyOn(Math, 'random').mockImplementation(() => randoms.shift()!);
    const resilient = setUp(fetcher, { retries: { attempts: 3, baseDelayMs: 100 } }).fetcher;
    const answer = resilient('http://uwv/graphql', QUERY, CALL);
    // retry 0 waits a random part of 100 ms (here 50), retry 1 of 200 ms (here 199)
    await vi.advanceTimersByTimeAsync(49);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(198);
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(await answer).toEqual(OK);
    expect(calls).toHaveLength(3);
  });

  it('stops after the configured attempts and answers the last failure', async () => {
    const { fetcher, calls } = scripted([DOWN, DOWN]);
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const resilient = setUp(fetcher, { retries: { attempts: 2, baseDelayMs: 100 } }).fetcher;
    const answer = resilient('http://uwv/graphql', QUERY, CALL);
    await vi.advanceTimersByTimeAsync(0);
    expect(await answer).toEqual(DOWN);
    expect(calls).toHaveLength(2);
  });

  it('never retries a mutation', async () => {
    const { fetcher, calls } = scripted([DOWN]);
    const resilient = setUp(fetcher, { retries: { attempts: 3, baseDelayMs: 100 } }).fetcher;
    expect(await resilient('http://project/graphql', MUTATION, CALL)).toEqual(DOWN);
    expect(calls).toHaveLength(1);
  });

  it('looks at the named operation of a document with several', async () => {
    const document = `query Lees { a } mutation Schrijf { b }`;
    const { fetcher, calls } = scripted([DOWN, DOWN, OK]);
    const resilient = setUp(fetcher, { retries: { attempts: 2, baseDelayMs: 100 } }).fetcher;
    expect(await resilient('http://p/graphql', { query: document, operationName: 'Schrijf' }, CALL)).toEqual(DOWN);
    const lees = resilient('http://p/graphql', { query: document, operationName: 'Lees' }, CALL);
    await vi.advanceTimersByTimeAsync(100);
    expect(await lees).toEqual(OK);
    expect(calls).toHaveLength(3);
  });

  it('does not retry an answer that will not change (an HTTP error) nor a refusal by the open circuit', async () => {
    const httpError: SubgraphResponse = { failure: { code: 'SUBGRAPH_HTTP_ERROR', message: 'answered with HTTP 401' } };
    const { fetcher, calls } = scripted([httpError, DOWN, DOWN]);
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const { fetcher: resilient, seen } = setUp(fetcher, { retries: { attempts: 3, baseDelayMs: 100 }, breaker: { failureThreshold: 2, resetAfterMs: 1000 } });
    expect(await resilient('http://uwv/graphql', QUERY, CALL)).toEqual(httpError);
    // The HTTP error counts as the first failure: the next failure opens the circuit, the retry after it is refused.
    const second = resilient('http://uwv/graphql', QUERY, CALL);
    await vi.advanceTimersByTimeAsync(50);
    expect(await second).toEqual(DOWN);
    expect(calls).toHaveLength(2);
    expect(seen.map((c) => c.status)).toEqual(['SUBGRAPH_HTTP_ERROR', 'SUBGRAPH_UNAVAILABLE', 'CIRCUIT_OPEN']);
  });

  it('answers the first cause, SUBGRAPH_TIMEOUT, when the retry is refused by the circuit the timeout opened', async () => {
    const { fetcher, calls } = scripted([new Promise<SubgraphResponse>(() => {})]);
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const { fetcher: resilient, seen } = setUp(fetcher, { timeoutMs: 20, retries: { attempts: 2, baseDelayMs: 100 }, breaker: { failureThreshold: 1, resetAfterMs: 1000 } });
    const answer = resilient('http://uwv/graphql', QUERY, CALL);
    await vi.advanceTimersByTimeAsync(20 + 50);
    expect(await answer).toEqual({ failure: { code: 'SUBGRAPH_TIMEOUT', message: 'did not answer within 20 ms' } });
    expect(calls).toHaveLength(1);
    expect(seen.map((c) => [c.status, c.refused])).toEqual([
      ['SUBGRAPH_TIMEOUT', false],
      ['CIRCUIT_OPEN', true],
    ]);
  });
});

describe('queue bound', () => {
  it('refuses a call at once when the queue is full, without calling the partner', async () => {
    const first = deferred<SubgraphResponse>();
    const { fetcher, calls } = scripted([first.promise, OK]);
    const { fetcher: resilient, seen } = setUp(fetcher, { maxConcurrentPerPartner: 1, maxQueuedPerPartner: 1 });
    const a = resilient('http://uwv/graphql', QUERY, CALL);
    const b = resilient('http://uwv/graphql', QUERY, CALL);
    expect(await resilient('http://uwv/graphql', QUERY, CALL)).toEqual({
      failure: { code: 'SUBGRAPH_UNAVAILABLE', message: '1 calls are already waiting for this partner', refused: true },
    });
    expect(resilient.partnerStatus().uwv).toEqual({ state: 'closed', inFlight: 1, queued: 1 });
    first.resolve(OK);
    expect([await a, await b]).toEqual([OK, OK]);
    expect(calls).toHaveLength(2);
    expect(seen.map((c) => c.status)).toEqual(['QUEUE_FULL', 'ok', 'ok']);
  });
});

describe('concurrency', () => {
  it('never has more than the bound in flight per partner, queueing the rest in order', async () => {
    let inFlight = 0;
    let most = 0;
    const pending: { resolve: (r: SubgraphResponse) => void; n: number }[] = [];
    const inner: SubgraphFetcher = (_url, request) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      const d = deferred<SubgraphResponse>();
      pending.push({ resolve: d.resolve, n: Number(request.variables?.n) });
      return d.promise.finally(() => (inFlight -= 1));
    };
    const resilient = setUp(inner, { maxConcurrentPerPartner: 2 }).fetcher;
    const results = [1, 2, 3, 4, 5].map((n) => resilient('http://uwv/graphql', { ...QUERY, variables: { n } }, CALL));
    await new Promise((r) => setImmediate(r));
    expect(resilient.partnerStatus().uwv).toEqual({ state: 'closed', inFlight: 2, queued: 3 });
    const order: number[] = [];
    while (order.length < 5) {
      await new Promise((r) => setImmediate(r));
      const next = pending.shift()!;
      order.push(next.n);
      next.resolve({ data: { n: next.n } });
    }
    expect(await Promise.all(results)).toEqual([1, 2, 3, 4, 5].map((n) => ({ data: { n } })));
    expect(order).toEqual([1, 2, 3, 4, 5]);
    expect(most).toBe(2);
    expect(resilient.partnerStatus().uwv).toEqual({ state: 'closed', inFlight: 0, queued: 0 });
  });
});
