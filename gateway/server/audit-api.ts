/**
 * The privacy officer's API: plain JSON over HTTP (privacy officers are not GraphQL users), for the
 * privacy-officer role only. A BSN is only ever sent in a POST body, never in a URL, so it does not
 * end up in access logs.
 *
 * A read that answers about persons or addresses is itself a processing of their data: it is
 * recorded under the oversight activity, one processing record per subject, before the answer
 * leaves; when that cannot be written, the answer is 503 without data (gateway/audit/oversight-records.ts).
 */
import { BSN_SPELLINGS, looksLikeBsn, passesElevenTest, removeBsnLike } from '../policy/bsn-like.ts';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GraphQLError, parse as parseGraphQL, type DocumentNode } from 'graphql';
import { z } from 'zod';
import {
  accessInProject,
  accessToPerson,
  awaitingReview,
  chainStatus,
  markReviewed,
  refusals,
  reviewed,
  ReviewRefused,
  subjectAccessReport,
  withReviews,
  type Page,
} from '../audit/queries.ts';
import { oversightRecords, personSubject, subjectsOf, type OversightActivityRef, type OversightSubject } from '../audit/oversight-records.ts';
import { ReplayOptionError, replayFilter, replayFilterShape } from '../audit/replay-request.ts';
import { replayFromStore, type ReplayFilter } from '../audit/replay-store.ts';
import type { AuditWriter } from '../audit/writer.ts';
import { traceFromHeader } from '../context/trace.ts';
import { redactText } from '../observability/redact.ts';
import type { Caller } from '../context/types.ts';
import { ExplainInputError, explainOperation, type ExplainOptions } from '../explain/explain.ts';
import { auditApiRefusal } from '../identity/authorisation.ts';
import { parsePolicyFiles, type PolicyData, type PolicyFile } from '../policy/load.ts';
import { PolicyDataError } from '../policy/problems.ts';
import { AuthenticationError, authErrorResponse } from '../identity/errors.ts';
import type { Db } from '../store/db.ts';
import { explainBody, explainContext, factsNotingSubjects } from './explain-request.ts';

export interface AuditApiOptions {
  db: Db;
  writer: AuditWriter;
  pseudonymKey: Uint8Array;
  checkpointPublicKey: CryptoKey;
  /** GET /audit/chain fails when the oldest unsigned record is older than this (audit.maxUnsignedAgeMs). */
  maxUnsignedAgeMs?: number;
  authenticate: (authorizationHeader: string | undefined) => Promise<Caller>;
  /** For POST /audit/explain: the composed schema, the policy and facts that ask no partner. */
  explain: ExplainOptions;
  /** The processing activity the officers' reads are recorded under (policies/processing-activities.json, "oversight"). */
  oversightActivity: OversightActivityRef;
  now?: () => Date;
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const bsn = z.string().regex(/^\d{9}$/, 'a BSN is 9 digits').refine(passesElevenTest, 'this is not a valid BSN (it fails the 11-check)');
const isoDate = z.iso.datetime({ offset: true }).transform((v) => new Date(v));
const pageShape = {
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
};
/** A project as the gateway names projects; never a BSN (URLs are logged on their way). */
const projectId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'a project id of lower-case letters, digits and dashes (at most 64)')
  .refine((id) => !looksLikeBsn(id), `a project id, not a BSN ${BSN_SPELLINGS}`);
const pageQuery = z.strictObject({ ...pageShape, project: projectId.optional() });
const reviewsQuery = z.strictObject({ ...pageShape, project: projectId.optional(), status: z.enum(['awaiting', 'reviewed']).default('awaiting') });
const personBody = z.strictObject({ bsn, ...pageShape });
const reportBody = z.strictObject({ bsn, from: isoDate.optional(), to: isoDate.optional() });
const reviewBody = z.strictObject({ field: z.number().int().nonnegative().optional(), note: z.string().min(1).max(2000).optional() });
/** A proposed policy to replay under: its files as the policy folder holds them (never a path on the gateway's host). */
const policyFiles = z.strictObject({ files: z.array(z.strictObject({ path: z.string().min(1).max(200), text: z.string() })).min(1).max(100) });
const replayBody = z.strictObject({ ...replayFilterShape, policy: policyFiles.optional() });

function parse<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = issue.path.join('.') || '(body)';
  throw new ApiError(400, 'BAD_REQUEST', `${where}: ${path}: ${issue.message}. See docs/audit.md for the request shapes.`);
}

function operation(query: string): DocumentNode {
  try {
    return parseGraphQL(query);
  } catch (err) {
    const message = err instanceof GraphQLError ? err.message : 'the query cannot be parsed';
    throw new ApiError(400, 'BAD_REQUEST', `POST /audit/explain: query: ${message}`);
  }
}

function page(p: { after?: number | undefined; limit?: number | undefined; from?: Date | undefined; to?: Date | undefined }): Page {
  return {
    ...(p.after !== undefined ? { after: p.after } : {}),
    ...(p.limit !== undefined ? { limit: p.limit } : {}),
    ...(p.from ? { from: p.from } : {}),
    ...(p.to ? { to: p.to } : {}),
  };
}

async function jsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 64_000) throw new ApiError(413, 'PAYLOAD_TOO_LARGE', 'The request body is larger than 64 kB.');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, 'BAD_REQUEST', 'The request body is not valid JSON.');
  }
}

/** The replay's filter and proposed policy, or a 400 naming what is wrong with them. */
function replayAsked(options: Record<string, unknown>, files: PolicyFile[] | undefined): { filter: ReplayFilter; replacement?: PolicyData } {
  try {
    const filter = replayFilter(options, (option) => option);
    return files ? { filter, replacement: parsePolicyFiles(files, 'policy') } : { filter };
  } catch (err) {
    if (err instanceof PolicyDataError || err instanceof ReplayOptionError) throw new ApiError(400, 'BAD_REQUEST', `POST /audit/replay: ${err.message}`);
    throw err;
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(text);
}

/** Handles /audit/* requests; returns false for any other path. */
export function createAuditApi(options: AuditApiOptions): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean> {
  const now = options.now ?? (() => new Date());
  return async (req, res, url) => {
    if (!url.pathname.startsWith('/audit/')) return false;
    try {
      let caller: Caller;
      try {
        caller = await options.authenticate(typeof req.headers.authorization === 'string' ? req.headers.authorization : undefined);
      } catch (err) {
        if (err instanceof AuthenticationError) {
          const answer = authErrorResponse(err);
          send(res, answer.status, answer.body, answer.headers);
          return true;
        }
        throw err;
      }
      const refusal = auditApiRefusal(caller);
      if (refusal !== undefined) throw new ApiError(403, 'FORBIDDEN', refusal);
      const startedAt = now();
      const query = Object.fromEntries(url.searchParams);
      const route = `${req.method} ${url.pathname}`;
      const reviewMatch = /^\/audit\/reviews\/(\d+)$/.exec(url.pathname);
      const projectMatch = /^\/audit\/projects\/([a-z0-9-]+)\/access$/.exec(url.pathname);
      let result: unknown;
      /** The persons and addresses this answer is about: each gets an oversight processing record. */
      let read: OversightSubject[] = [];
      if (route === 'POST /audit/person-access') {
        const body = parse(personBody, await jsonBody(req), 'POST /audit/person-access');
        result = await accessToPerson(options.db, body.bsn, options.pseudonymKey, page(body));
        read = [personSubject(body.bsn, options.pseudonymKey)];
      } else if (route === 'POST /audit/subject-access-report') {
        const body = parse(reportBody, await jsonBody(req), 'POST /audit/subject-access-report');
        result = await subjectAccessReport(options.db, {
          bsn: body.bsn,
          key: options.pseudonymKey,
          now: startedAt,
          oversightActivityId: options.oversightActivity.id,
          ...(body.from ? { from: body.from } : {}),
          ...(body.to ? { to: body.to } : {}),
        });
        read = [personSubject(body.bsn, options.pseudonymKey)];
      } else if (req.method === 'GET' && projectMatch) {
        const { project } = parse(z.object({ project: projectId }), { project: projectMatch[1] }, 'GET /audit/projects/<project>/access');
        const listed = await accessInProject(options.db, project, page(parse(pageQuery, query, 'query string')));
        [result, read] = [listed, subjectsOf(listed.items.map((item) => item.body))];
      } else if (route === 'GET /audit/refusals') {
        const q = parse(pageQuery, query, 'query string');
        const listed = await withReviews(options.db, await refusals(options.db, { ...page(q), ...(q.project ? { project: q.project } : {}) }));
        [result, read] = [listed, subjectsOf(listed.items.map((item) => item.body))];
      } else if (route === 'GET /audit/reviews') {
        const q = parse(reviewsQuery, query, 'query string');
        if (q.status === 'awaiting' && q.project) throw new ApiError(400, 'BAD_REQUEST', 'query string: project: only with status=reviewed. See docs/audit.md for the request shapes.');
        const listed = q.status === 'reviewed' ? await reviewed(options.db, { ...page(q), ...(q.project ? { project: q.project } : {}) }) : await awaitingReview(options.db, page(q));
        [result, read] = [listed, subjectsOf(listed.items.map((item) => item.body))];
      } else if (req.method === 'POST' && reviewMatch) {
        const body = parse(reviewBody, await jsonBody(req), `POST ${url.pathname}`);
        try {
          const seq = await markReviewed(options.db, options.writer, Number(reviewMatch[1]), caller.id, { ...(body.field !== undefined ? { field: body.field } : {}), ...(body.note ? { note: body.note } : {}), organisation: caller.organisation, now: now() });
          result = { reviewSeq: seq };
        } catch (err) {
          if (err instanceof ReviewRefused && err.reason === 'not-reviewable') throw new ApiError(404, 'NOT_FOUND', err.message);
          if (err instanceof ReviewRefused && err.reason === 'own-request') throw new ApiError(403, 'OWN_REQUEST', err.message);
          if (err instanceof ReviewRefused) throw new ApiError(409, 'ALREADY_REVIEWED', err.message);
          throw err;
        }
      } else if (route === 'POST /audit/explain') {
        const body = parse(explainBody, await jsonBody(req), 'POST /audit/explain');
        const input = { document: operation(body.query), operationName: body.operationName, variables: body.variables, context: explainContext(body.context, startedAt) };
        // The dry run reads what the store holds about the addresses the query names: those are read.
        const noting = factsNotingSubjects(options.explain.facts, options.pseudonymKey);
        try {
          result = await explainOperation({ ...options.explain, facts: noting.facts }, input);
        } catch (err) {
          if (err instanceof ExplainInputError) throw new ApiError(400, 'BAD_REQUEST', `POST /audit/explain: query: ${err.message}`);
          throw err;
        }
        read = noting.subjects();
      } else if (route === 'POST /audit/replay') {
        const { policy, ...filter } = parse(replayBody, await jsonBody(req), 'POST /audit/replay');
        const asked = replayAsked(filter, policy?.files);
        const report = await replayFromStore(options.db, asked.filter, asked.replacement);
        // The answer names the subjects of the fields that differ: those are read.
        [result, read] = [report, subjectsOf(report.differences.map((d) => ({ subject_pseudonym: d.subject_pseudonym, subject_type: d.subject_type })))];
      } else if (route === 'GET /audit/chain') {
        result = await chainStatus(options.db, options.checkpointPublicKey, {
          now: now(),
          ...(options.maxUnsignedAgeMs !== undefined ? { maxUnsignedAgeMs: options.maxUnsignedAgeMs } : {}),
        });
      } else {
        throw new ApiError(404, 'NOT_FOUND', `No audit endpoint ${redactText(route)}. See docs/audit.md for the endpoints.`);
      }
      if (read.length > 0) {
        const trace = traceFromHeader(typeof req.headers.traceparent === 'string' ? req.headers.traceparent : undefined);
        await options.writer.write(oversightRecords({ officer: caller, trace, route, startedAt, endedAt: now(), subjects: read }, options.oversightActivity));
      }
      send(res, 200, result);
    } catch (err) {
      // A refusal may quote what the caller sent (a key, a query's text): a BSN-like number in it, in any spelling, is masked.
      if (err instanceof ApiError) send(res, err.status, { error: { code: err.code, message: removeBsnLike(err.message, '*********') } });
      else send(res, 503, { error: { code: 'AUDIT_UNAVAILABLE', message: 'The audit store could not answer. Try again shortly.' } });
    }
    return true;
  };
}
