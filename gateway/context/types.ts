/** What the gateway knows about one request, passed to the policy with every question. */

/** Who is asking: filled from the verified caller token (identity stage). */
export interface Caller {
  /** The person's id at their organisation (a pseudonymous employee id, never a BSN). */
  id: string;
  /**
   * The issuer of the caller's token. An id is unique only at its issuer: per-user counts (the
   * daily person limit) key on issuer and id. Set by the identity stage; absent only in code
   * that builds a caller without a token (tests, the project subgraph's view of a gateway call).
   */
  issuer?: string;
  organisation: string;
  roles: string[];
  /** Projects this person is authorised for. */
  projects: string[];
}

/** What the request is for: declared by the caller (purpose stage). */
export interface PurposeContext {
  project: string;
  purpose: string;
  /** Case id for case work (a selected address). */
  caseId?: string;
  /** Written justification for skipping a lower tier (subsidiarity); flagged for review. */
  justification?: string;
}

export interface RequestContext {
  requestId: string;
  traceId: string;
  spanId: string;
  /** The moment the request is judged on (project periods, reference dates). */
  now: Date;
  caller?: Caller;
  purpose?: PurposeContext;
}
