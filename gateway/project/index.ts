/**
 * The project subgraph: the voortraject's signals side by side, selection and case work. Served in
 * process by the gateway through `fetcher`, which verifies the gateway's per-call token and gives
 * the resolvers the caller's identity as their GraphQL context. It owns no person data.
 */
import DataLoader from 'dataloader';
import { GraphQLError, Source, execute, parse, validate, type DocumentNode, type ExecutionResult } from 'graphql';
import type { SubgraphFetcher, SubgraphRequest, SubgraphResponse } from '../executor/subgraph-client.ts';
import type { PolicyData } from '../policy/load.ts';
import type { Db } from '../store/db.ts';
import { buildPartnerSubgraph, type PartnerSubgraph } from '@doelpoort/subgraph-kit/subgraph';
import { requestedFieldCoordinates, type GatewayClaims, type VerifiedCall } from '@doelpoort/subgraph-kit';
import { readFileSync } from 'node:fs';
import { casesById, findingsOf } from './case-records.ts';
import { projectResolvers } from './resolvers.ts';
import { caseWorkResolvers } from './case-work.ts';
import { findOpenCases } from '../store/cases.ts';
import { outcomesOf } from '../store/outcomes.ts';
import { visitsOf } from '../store/visits.ts';
import type { ProjectRequest } from './request.ts';
import { withoutForeignDirectives } from './shared-directives.ts';
import { MutationNotRecorded, type RecordMutation } from '../audit/mutation-records.ts';

export const PROJECT_SUBGRAPH = 'project';

export interface ProjectSubgraphOptions {
  db: Db;
  policyData: PolicyData;
  /** Verifies the gateway token in the Authorization header for this call and the "Type.field" coordinates it selects; throws when it does not hold. */
  verifyGatewayToken: (authorizationHeader: string | undefined, call: VerifiedCall) => Promise<GatewayClaims>;
  /** The subject pseudonym the store keeps instead of a BSN or an address id (the audit trail's key). */
  pseudonymOf: (kind: 'person' | 'address', id: string) => string;
  /** Records each mutation in the audit trail, in the mutation's own transaction (gateway/audit/mutation-records.ts). */
  recordMutation: RecordMutation;
  now?: () => Date;
}

export interface ProjectSubgraph extends PartnerSubgraph {
  /** Answers a call in process; the gateway token is read from the `authorization` header. */
  fetcher: SubgraphFetcher;
}

export function createProjectSubgraph({ db, policyData, verifyGatewayToken, pseudonymOf, recordMutation, now = () => new Date() }: ProjectSubgraphOptions): ProjectSubgraph {
  const caseWork = caseWorkResolvers({ db, data: policyData, pseudonymOf });
  const resolvers = projectResolvers(db, policyData);
  const subgraph = buildPartnerSubgraph({
    name: PROJECT_SUBGRAPH,
    typeDefs: readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'),
    resolvers: {
      ...resolvers,
      ...caseWork,
      Query: { ...resolvers['Query'], ...caseWork.Query },
      Mutation: { ...resolvers['Mutation'], ...caseWork.Mutation },
    },
  });

  async function answer(request: SubgraphRequest, authorization: string | undefined): Promise<SubgraphResponse> {
    let document: DocumentNode;
    try {
      document = withoutForeignDirectives(subgraph.schema, parse(new Source(request.query, 'request')));
    } catch (error) {
      return { data: null, errors: [(error as GraphQLError).toJSON()] };
    }
    const invalid = validate(subgraph.schema, document);
    if (invalid.length > 0) return { data: null, errors: invalid.map((error) => error.toJSON()) };

    let claims: GatewayClaims;
    try {
      claims = await verifyGatewayToken(authorization, { fields: requestedFieldCoordinates(subgraph.schema, document), call: request });
    } catch (error) {
      return { data: null, errors: [tokenError(error)] };
    }
    const at = now();
    const actor = { callerId: claims.callerId, organisation: claims.organisation, role: claims.role, project: claims.project, purpose: claims.purpose, traceId: claims.traceId };
    const context: ProjectRequest = {
      claims,
      now: at,
      recorded: (change) => recordMutation(db, actor, at, change),
      cases: new DataLoader(async (ids) => {
        const found = await casesById(db, ids);
        return ids.map((id) => found.get(id));
      }),
      openCases: new DataLoader(async (adresIds) => {
        const found = await findOpenCases(db, claims.project, adresIds);
        return adresIds.map((id) => found.get(id)?.[0]);
      }),
      findings: new DataLoader(async (ids) => {
        const found = await findingsOf(db, ids);
        return ids.map((id) => found.get(id) ?? []);
      }),
      visits: new DataLoader(async (ids) => {
        const found = await visitsOf(db, ids);
        return ids.map((id) => found.get(id) ?? []);
      }),
      outcomes: new DataLoader(async (ids) => {
        const found = await outcomesOf(db, ids);
        return ids.map((id) => found.get(id) ?? []);
      }),
    };
    const result = (await execute({
      schema: subgraph.schema,
      document,
      variableValues: request.variables ?? {},
      operationName: request.operationName ?? null,
      contextValue: context,
    })) as ExecutionResult;
    return response(result);
  }

  return {
    ...subgraph,
    fetcher: (_url, request, options) => answer(request, headerValue(options.headers, 'authorization')),
  };
}

function headerValue(headers: Record<string, string> | undefined, name: string): string | undefined {
  return Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name)?.[1];
}

/** A refused token: its code and message (they never hold personal data); anything else, a generic refusal. */
function tokenError(error: unknown): { message: string; extensions: { code: string } } {
  const code = (error as { code?: unknown }).code;
  if (error instanceof Error && typeof code === 'string') return { message: error.message, extensions: { code } };
  return { message: 'The gateway token could not be checked, so the call is refused.', extensions: { code: 'GATEWAY_TOKEN_INVALID' } };
}

/** The JSON response; an unexpected error (not one of ours) is answered without its message. */
function response(result: ExecutionResult): SubgraphResponse {
  const errors = result.errors?.map((error) => {
    const formatted = error.toJSON();
    if (error.originalError === undefined || error.originalError instanceof GraphQLError) return formatted;
    if (error.originalError instanceof MutationNotRecorded) {
      const message = 'The audit trail could not be written, so nothing was changed (no log, no access). Try again shortly; if it persists, tell the gateway operator.';
      return { ...formatted, message, extensions: { code: 'AUDIT_UNAVAILABLE' } };
    }
    return { ...formatted, message: 'The project subgraph could not resolve this field.', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  });
  return JSON.parse(JSON.stringify({ data: result.data ?? null, ...(errors ? { errors } : {}) })) as SubgraphResponse;
}
