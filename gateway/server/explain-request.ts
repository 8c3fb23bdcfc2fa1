/**
 * The body of `POST /audit/explain`: the operation, and the context an analyst's request would
 * carry (the caller's token claims and the purpose headers). The context is checked as strictly as
 * the gateway checks headers, so that a context the gateway would refuse at its edge is refused
 * here too; a context the policy refuses (an unknown project, a role that may not act for the
 * purpose, no purpose at all) is explained, not refused.
 */
import { newRequestId, newSpanId, newTraceId } from '../context/trace.ts';
import { BSN_SPELLINGS, containsBsnLike, INSTEAD_OF_A_BSN, looksLikeBsn } from '../policy/bsn-like.ts';
import { z } from 'zod';
import type { OversightSubject } from '../audit/oversight-records.ts';
import { pseudonymise } from '../audit/pseudonym.ts';
import type { RequestContext } from '../context/types.ts';
import type { ExplainFacts } from '../explain/types.ts';

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'an id of lower-case letters, digits and dashes (at most 64)')
  .refine((value) => !looksLikeBsn(value), `an id, not a BSN ${BSN_SPELLINGS}`);

const context = z
  .strictObject({
    organisation: id,
    roles: z.array(z.string().min(1, 'a role is a non-empty string').refine((role) => !looksLikeBsn(role), `a role, not a BSN ${BSN_SPELLINGS}`)).max(20),
    projects: z.array(id).max(100),
    project: id.optional(),
    purpose: id.optional(),
    case: z
      .string()
      .regex(/^[A-Za-z0-9-]{1,64}$/, 'a case id of letters, digits and dashes (at most 64)')
      .refine((id) => !looksLikeBsn(id), `a case id, not a BSN ${BSN_SPELLINGS}`)
      .optional(),
    justification: z
      .string()
      .min(20, 'a justification says in 20 to 2000 characters why the less intrusive sources cannot serve')
      .max(2000, 'a justification says in 20 to 2000 characters why the less intrusive sources cannot serve')
      .refine((text) => !containsBsnLike(text), `a justification holds no BSN ${BSN_SPELLINGS}: ${INSTEAD_OF_A_BSN}`)
      .optional(),
  })
  .superRefine((value, ctx) => {
    const declared = [value.project, value.purpose, value.case, value.justification].some((v) => v !== undefined);
    for (const name of ['project', 'purpose'] as const) {
      if (declared && value[name] === undefined) {
        ctx.addIssue({ code: 'custom', path: [name], message: 'declare both a project and a purpose, or neither (to see how a request without them is refused)' });
      }
    }
  });

export const explainBody = z.strictObject({
  query: z.string().min(1, 'send the GraphQL operation to explain'),
  variables: z.record(z.string(), z.unknown()).optional(),
  operationName: z.string().min(1).optional(),
  context,
});

export type ExplainBody = z.infer<typeof explainBody>;

/** The request context the gateway would build for an analyst with this token and these headers, judged at `now`. */
export function explainContext(body: ExplainBody['context'], now: Date): RequestContext {
  const declared = body.project !== undefined && body.purpose !== undefined;
  return {
    requestId: newRequestId(),
    traceId: newTraceId(),
    spanId: newSpanId(),
    now,
    caller: { id: 'explain', organisation: body.organisation, roles: body.roles, projects: body.projects },
    ...(declared
      ? {
          purpose: {
            project: body.project!,
            purpose: body.purpose!,
            ...(body.case ? { caseId: body.case } : {}),
            ...(body.justification ? { justification: body.justification } : {}),
          },
        }
      : {}),
  };
}

/**
 * The dry run's facts, noting every subject whose facts it reads from the store (an address's
 * signals, open case and consulted tiers): the subjects the explanation is about.
 */
export function factsNotingSubjects(facts: ExplainFacts, key: Uint8Array): { facts: ExplainFacts; subjects: () => OversightSubject[] } {
  const subjects = new Map<string, OversightSubject>();
  return {
    facts: {
      ...facts,
      provider: {
        async load(entities, query) {
          const found = await facts.provider.load(entities, query);
          for (const e of found) subjects.set(`${e.kind}:${e.subjectId}`, { pseudonym: pseudonymise(e.kind, e.subjectId, key), type: e.kind });
          return found;
        },
      },
    },
    subjects: () => [...subjects.values()],
  };
}
