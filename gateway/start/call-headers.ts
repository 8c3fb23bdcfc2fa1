/**
 * Start step "executor" (its partner calls): the headers of each call the executor makes, and of
 * each look-up the policy makes, with the call's trace context and a partner token for exactly it.
 */
import type { GatewayCallContext } from '@doelpoort/subgraph-kit';
import { formatTraceparent, newTraceId } from '../context/trace.ts';
import type { RequestContext } from '../context/types.ts';
import type { Keys } from './stores.ts';

/**
 * A partner token's project or purpose when the call is made for none: a request that touches no
 * person or address, or declares no purpose (the policy then denies every personal field). Purpose
 * headers are lower-case ids, so no caller can declare this value.
 */
export const NOT_DECLARED = '-';

export interface PartnerCall {
  graph: string;
  coordinates: string[];
  context: RequestContext;
  spanId: string;
}

/** The executor's call for a caller: the caller's organisation, role, project and purpose in the token. */
export function callHeaders(signing: Keys['signing']) {
  return async (call: PartnerCall): Promise<Record<string, string>> => {
    const { context } = call;
    const caller = context.caller;
    const headers: Record<string, string> = { traceparent: formatTraceparent(context.traceId, call.spanId) };
    if (!caller) return headers;
    return signing.headers(
      {
        partner: call.graph,
        traceId: context.traceId,
        organisation: caller.organisation,
        role: caller.roles[0] ?? '',
        roles: caller.roles,
        callerId: caller.id,
        project: context.purpose?.project ?? NOT_DECLARED,
        purpose: context.purpose?.purpose ?? NOT_DECLARED,
        ...(context.purpose?.caseId ? { caseId: context.purpose.caseId } : {}),
        fields: call.coordinates,
      },
      headers,
    );
  };
}

/**
 * The policy's own look-ups (where a person is registered, an address's postcode) carry a token
 * too, under the gateway's own identity, in the trace of the request they are made for (a new
 * trace when there is none), so the partner's log joins our audit trail.
 */
export function lookupHeaders(signing: Keys['signing']) {
  return async (partner: string, coordinates: readonly string[], requestTraceId: string | undefined, spanId: string): Promise<Record<string, string>> => {
    const traceId = requestTraceId ?? newTraceId();
    const context: GatewayCallContext = {
      partner,
      traceId,
      organisation: 'doelpoort',
      role: 'policy-engine',
      callerId: 'doelpoort',
      project: NOT_DECLARED,
      purpose: 'scope-check',
      fields: [...coordinates],
    };
    return signing.headers(context, { traceparent: formatTraceparent(traceId, spanId) });
  };
}
