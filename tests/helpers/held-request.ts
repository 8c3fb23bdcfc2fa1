/**
 * A GraphQL request whose body is sent only when the test says so. "Started" is made certain with
 * `Expect: 100-continue`: the gateway has accepted the connection and read the request's head once
 * it says "100 Continue".
 */
// Caller trace ids the gateway continues: none holds nine digits that pass the 11-test (context/trace.ts).
import { newSpanId, newTraceId } from '../../gateway/context/trace.ts';
import { request, type ClientRequest } from 'node:http';

export interface Held {
  traceId: string;
  /** Resolves once the gateway has read the request's head and waits for its body. */
  accepted: Promise<void>;
  sendBody(): void;
  answer: Promise<{ status: number; body: unknown }>;
}

/** A POST whose body is sent only when asked, after the gateway said "100 Continue". */
export function heldRequest(url: string, token: string, declared: { project: string; purpose: string }, query: string): Held {
  const traceId = newTraceId();
  const body = JSON.stringify({ query });
  let req!: ClientRequest;
  let accepted!: () => void;
  const answer = new Promise<{ status: number; body: unknown }>((resolve, reject) => {
    req = request(url, {
      method: 'POST',
      agent: false,
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        expect: '100-continue',
        authorization: `Bearer ${token}`,
        'x-doelpoort-project': declared.project,
        'x-doelpoort-purpose': declared.purpose,
        traceparent: `00-${traceId}-${newSpanId()}-01`,
      },
    });
    req.on('continue', () => accepted());
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown }));
    });
    req.flushHeaders();
  });
  answer.catch(() => {});
  return { traceId, accepted: new Promise<void>((resolve) => (accepted = resolve)), sendBody: () => req.end(body), answer };
}
