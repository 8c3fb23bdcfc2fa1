/**
 * The privacy property, checked on generated requests against the whole product over HTTP (the
 * start helper of the end-to-end tests), never against executor internals, so that it holds for
 * any executor:
 *
 * - no caller mistake gives a 500; a reserved alias is refused at validation;
 * - every non-null field about a person or an address in the answer has a committed allow or
 *   minimise decision made for exactly that place in the response (the decision record's
 *   `field_path` and coordinate), so for the subject found there, never another subject's decision
 *   of the same field; where the caller named the subject, that decision is about that subject; and
 *   every subject data was released about has a processing record, in the request's trace;
 * - no partner was asked for a field of a person or an address (other than a key) without such a
 *   decision (what partners receive is recorded);
 * - the same selection in three shapes (as generated, without fragments and directives, without
 *   aliases) answers the same data and the same denials;
 * - no error quotes a BSN or an address id.
 *
 * Used by tests/fuzz/privacy.test.ts (fixed seed, in `npm test`) and scripts/fuzz.ts (`npm run fuzz`).
 */
import fc from 'fast-check';
import { buildSchema, getNamedType, isObjectType, parse, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { fieldDecisions } from '../../gateway/audit/field-decisions.ts';
import { loadPseudonymKey } from '../../gateway/audit/keys.ts';
import { pseudonymise } from '../../gateway/audit/pseudonym.ts';
import type { StoredDecisionBody } from '../../gateway/audit/records.ts';
import { redactText } from '../../gateway/observability/redact.ts';
import { composeSupergraph } from '../../schema/compose.ts';
import { requestedFieldCoordinates } from '@doelpoort/subgraph-kit';
import { createAllSubgraphs } from '../../subgraphs/index.ts';
import { defaultWorld } from '../../subgraphs/world/index.ts';
import { startProduct, type GraphQLBody, type Product } from '../helpers/product.ts';
import { ACTIVE_PROJECT, ENDED_PROJECT, SELECTED_ADDRESSES, contextArb, rootArb, rootCall, rootSubject, type RequestContextCase, type RootCase } from './contexts.ts';
import { flat, keyTree, mergeable, plain, plainPath, print, selectionArb, toPlainKeys, usesReservedAlias, type KeyTree, type Selection } from './queries.ts';

const SUBJECT_TYPES: Record<string, 'person' | 'address'> = { Persoon: 'person', Adres: 'address' };
/** Key fields: fetched without a decision, for the gateway's own use, and never released without one. */
const KEY_COORDINATES = new Set(['Persoon.bsn', 'Adres.adresId']);
/** Codes of answers that depend on timing or a partner's health, not on the query: no shape comparison then. */
const TRANSIENT = /^(SUBGRAPH_|REQUEST_TIMEOUT|PARTNER_UNAVAILABLE|CIRCUIT_OPEN)/;
/** What a refused query may be refused for (HTTP 400). */
const REFUSALS = new Set(['GRAPHQL_VALIDATION_FAILED', 'QUERY_TOO_DEEP', 'TOO_MANY_ALIASES', 'TOO_MANY_ROOT_FIELDS', 'TOO_MANY_FIELDS', 'QUERY_TOO_COSTLY', 'BAD_USER_INPUT']);
const JUSTIFICATION = 'De lagere bronnen geven geen uitsluitsel over de bewoning van dit adres.';

export interface PropertyRun {
  cases: number;
  seed: number;
  /** Called per case with the query, for a long run's progress. */
  onCase?: (index: number) => void;
}

export interface PropertySummary {
  cases: number;
  /** Refused requests (HTTP 400) by their first error code. */
  refusals: Record<string, number>;
  answered: number;
  refused: number;
  released: number;
  denied: number;
}

interface Case {
  context: RequestContextCase;
  root: RootCase;
  selection: Selection[];
}

interface Harness {
  product: Product;
  schema: GraphQLSchema;
  partnerSchemas: Map<string, GraphQLSchema>;
  pseudonymKey: Uint8Array;
  summary: PropertySummary;
  next: number;
}

export async function checkPrivacyProperty(run: PropertyRun): Promise<PropertySummary> {
  const world = defaultWorld();
  const subgraphs = createAllSubgraphs(world);
  const composed = composeSupergraph(subgraphs.map(({ name, sdl }) => ({ name, sdl, url: `http://${name}.partner.test/graphql` })));
  if (!composed.ok) throw new Error('The partner subgraphs do not compose.');
  const product = await startProduct();
  try {
    const harness: Harness = {
      product,
      schema: buildSchema(composed.apiSchemaSdl),
      partnerSchemas: new Map(subgraphs.map((s) => [s.name, s.schema])),
      pseudonymKey: await loadPseudonymKey(product.dataDir),
      summary: { cases: 0, refusals: {}, answered: 0, refused: 0, released: 0, denied: 0 },
      next: 0,
    };
    await selectAddresses(product);
    const caseArb: fc.Arbitrary<Case> = fc
      .tuple(contextArb, rootArb)
      .chain(([context, root]) => selectionArb(harness.schema, objectType(harness.schema, root.type), 2).map((selection) => ({ context, root, selection: mergeable(selection) })));
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        run.onCase?.(harness.summary.cases);
        harness.summary.cases += 1;
        const violations = await checkCase(harness, c);
        if (violations.length) throw new Error(violations.join('\n'));
      }),
      { numRuns: run.cases, seed: run.seed, endOnFailure: false, interruptAfterTimeLimit: undefined },
    );
    return harness.summary;
  } finally {
    await product.stop();
    await product.cleanup();
  }
}

async function selectAddresses(product: Product): Promise<void> {
  const coordinator = await product.token('coordinator', 'sociale-dienst');
  for (const adresId of SELECTED_ADDRESSES) {
    const { body } = await product.query(coordinator, 'woonfraude', `mutation { selecteerAdres(project: "${ACTIVE_PROJECT}", adresId: "${adresId}", reden: "Signals of two or more partners overlap on this address.") { id } }`);
    if (body.errors) throw new Error(`Selecting ${adresId} failed: ${JSON.stringify(body.errors)}`);
  }
}

function objectType(schema: GraphQLSchema, name: string): GraphQLObjectType {
  const type = schema.getType(name);
  if (!isObjectType(type)) throw new Error(`${name} is not an object type of the API schema.`);
  return type;
}

/** The three shapes of one selection under one root field, as one operation. */
function operation(schema: GraphQLSchema, c: Case): { query: string; trees: Record<'a' | 'b' | 'c', KeyTree> } {
  const type = objectType(schema, c.root.type);
  const fragments: string[] = [];
  const shapes = { a: c.selection, b: flat(c.selection), c: plain(c.selection) };
  const call = rootCall(c.root);
  const fields = (['a', 'b', 'c'] as const).map((k) => `${k}: ${call} { ${print(shapes[k], type, schema, fragments)} }`);
  return { query: [`{ ${fields.join(' ')} }`, ...fragments].join('\n'), trees: { a: keyTree(shapes.b), b: keyTree(shapes.b), c: keyTree(shapes.c) } };
}

function headersFor(context: RequestContextCase): Record<string, string> {
  if (!context.project) return {};
  return {
    'x-doelpoort-project': context.project,
    'x-doelpoort-purpose': context.purpose,
    ...(context.justification ? { 'x-doelpoort-justification': encodeURIComponent(JUSTIFICATION) } : {}),
  };
}

async function checkCase(h: Harness, c: Case): Promise<string[]> {
  const { query, trees } = operation(h.schema, c);
  // A caller of its own per case: the daily person limit of one user does not decide the run.
  const token = await h.product.token(c.context.role, c.context.organisation, { id: `fuzz-${h.next++}`, projects: [ACTIVE_PROJECT, ENDED_PROJECT] });
  const response = await fetch(h.product.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headersFor(c.context) },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as GraphQLBody;
  const traceId = response.headers.get('x-trace-id') ?? '';
  const where = `\nquery: ${query}\ncontext: ${JSON.stringify(c.context)}`;
  const violations: string[] = [];
  const codes = (body.errors ?? []).map((e) => String(e.extensions?.['code']));
  if (response.status >= 500 || codes.includes('INTERNAL_SERVER_ERROR')) return [`HTTP ${response.status}: ${JSON.stringify(body.errors)}${where}`];
  for (const error of body.errors ?? []) {
    if (/\d{9,}/.test(error.message + JSON.stringify(error.extensions ?? {}))) violations.push(`an error quotes a BSN or an address id: ${error.message}${where}`);
  }
  if (usesReservedAlias(c.selection)) {
    if (response.status !== 400 || codes[0] !== 'GRAPHQL_VALIDATION_FAILED') violations.push(`a reserved alias was not refused at validation (HTTP ${response.status})${where}`);
    h.summary.refused += 1;
    h.summary.refusals['reserved alias'] = (h.summary.refusals['reserved alias'] ?? 0) + 1;
    return violations;
  }
  if (response.status === 400) {
    if (!codes.every((code) => REFUSALS.has(code))) violations.push(`refused with ${codes.join(', ')}: ${JSON.stringify(body.errors)}${where}`);
    h.summary.refused += 1;
    h.summary.refusals[codes[0]!] = (h.summary.refusals[codes[0]!] ?? 0) + 1;
    return violations;
  }
  if (response.status !== 200) return [...violations, `HTTP ${response.status}: ${JSON.stringify(body)}${where}`];
  h.summary.answered += 1;

  const records = await auditRecords(h.product, traceId);
  const released = releasedFields(h, body, c, trees, records, violations);
  h.summary.released += released;
  h.summary.denied += codes.filter((code) => code === 'FIELD_DENIED').length;
  checkPartnerCalls(h, traceId, records, violations);
  if (!codes.some((code) => TRANSIENT.test(code))) checkShapes(body, trees, violations);
  return violations.map((v) => (v.includes('\nquery: ') ? v : v + where));
}

interface TraceRecords {
  /** "<owner>|<coordinate>" → subject pseudonyms with an allow or minimise decision (for the partner calls). */
  allowed: Map<string, Set<string>>;
  /** "<response path>|<coordinate>" → the subject pseudonyms of the allow or minimise decisions made for that place. */
  allowedAt: Map<string, Set<string>>;
  processed: Set<string>;
}

function add(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key) ?? new Set<string>();
  set.add(value);
  map.set(key, set);
}

async function auditRecords(product: Product, traceId: string): Promise<TraceRecords> {
  const { rows } = await product.doelpoort.db.query<{ kind: string; body: Record<string, unknown> }>('SELECT kind, body FROM audit_log WHERE trace_id = $1', [traceId]);
  const allowed = new Map<string, Set<string>>();
  const allowedAt = new Map<string, Set<string>>();
  const processed = new Set<string>();
  for (const { kind, body } of rows) {
    if (kind === 'processing' && typeof body.subject_pseudonym === 'string') processed.add(body.subject_pseudonym);
    if (kind !== 'decision') continue;
    // Per field, whichever shape the record has (a record of one field, or one per subject and partner call).
    for (const { body: d } of fieldDecisions(body as StoredDecisionBody)) {
      if (d.outcome === 'deny' || !d.subject_pseudonym) continue;
      add(allowed, `${d.owner}|${d.resource}`, d.subject_pseudonym);
      if (d.field_path) add(allowedAt, `${d.field_path}|${d.resource}`, d.subject_pseudonym);
    }
  }
  return { allowed, allowedAt, processed };
}

/** Checks every released field about a person or an address; returns how many there were. */
function releasedFields(h: Harness, body: GraphQLBody, c: Case, trees: Record<string, KeyTree>, records: TraceRecords, violations: string[]): number {
  let released = 0;
  const subject = rootSubject(c.root);
  const rootPseudonym = subject ? pseudonymise(subject.kind, subject.id, h.pseudonymKey) : undefined;
  const visit = (value: unknown, type: GraphQLObjectType, tree: KeyTree, path: string, atRoot: boolean): void => {
    if (Array.isArray(value)) return value.forEach((item, i) => visit(item, type, tree, `${path}.${i}`, false));
    if (value === null || typeof value !== 'object') return;
    for (const [key, fieldValue] of Object.entries(value)) {
      const entry = tree.keys.get(key);
      if (!entry || entry.name === '__typename' || fieldValue === null) continue;
      const coordinate = `${type.name}.${entry.name}`;
      if (type.name in SUBJECT_TYPES) {
        released += 1;
        const subjects = records.allowedAt.get(`${redactText(`${path}.${key}`)}|${coordinate}`);
        if (!subjects?.size) violations.push(`${path}.${key} (${coordinate}) was released without an allow or minimise decision made for that place`);
        else if (subjects.size > 1) violations.push(`${path}.${key} (${coordinate}) has decisions about ${subjects.size} subjects at one place`);
        else if (atRoot && rootPseudonym && !subjects.has(rootPseudonym)) violations.push(`${path}.${key} (${coordinate}) was released without a decision about the subject asked for`);
      }
      const below = getNamedType(type.getFields()[entry.name]!.type);
      if (isObjectType(below)) visit(fieldValue, below, entry.below, `${path}.${key}`, false);
    }
  };
  const rootType = objectType(h.schema, c.root.type);
  for (const root of ['a', 'b', 'c'] as const) visit(body.data?.[root] ?? null, rootType, trees[root]!, root, true);
  const subjects = new Set([...records.allowed.values()].flatMap((s) => [...s]));
  for (const pseudonym of subjects) {
    if (!records.processed.has(pseudonym)) violations.push(`data about subject ${pseudonym.slice(0, 12)}… was released without a processing record`);
  }
  return released;
}

/** No partner was asked for a field of a person or an address (other than a key) without an allow or minimise decision. */
function checkPartnerCalls(h: Harness, traceId: string, records: TraceRecords, violations: string[]): void {
  for (const request of h.product.partnerRequests()) {
    if (!request.traceparent?.includes(traceId)) continue;
    // The policy's own register look-ups (residence, secrecy flag, postcode) are made to decide.
    if (tokenClaims(request.authorization)?.role === 'policy-engine') continue;
    const schema = h.partnerSchemas.get(request.subgraph);
    if (!schema) continue;
    for (const coordinate of requestedFieldCoordinates(schema, parse(request.query))) {
      const [type] = coordinate.split('.');
      if (!(type! in SUBJECT_TYPES) || KEY_COORDINATES.has(coordinate)) continue;
      if (!records.allowed.get(`${request.subgraph}|${coordinate}`)?.size) violations.push(`${request.subgraph} was asked for ${coordinate} without an allow or minimise decision`);
    }
  }
}

function tokenClaims(authorization: string | undefined): Record<string, unknown> | undefined {
  const payload = authorization?.split('.')[1];
  return payload ? (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>) : undefined;
}

/** The three shapes answer the same data and the same errors (in the plain shape's keys). */
function checkShapes(body: GraphQLBody, trees: Record<'a' | 'b' | 'c', KeyTree>, violations: string[]): void {
  const conflicts: string[] = [];
  const data = (['a', 'b', 'c'] as const).map((root) => canonical(toPlainKeys(body.data?.[root] ?? null, trees[root], conflicts, root)));
  for (const at of conflicts) violations.push(`two response keys of one field answer differently at ${at}`);
  if (data[0] !== data[1] || data[1] !== data[2]) violations.push(`the shapes answer different data:\n a: ${data[0]}\n b: ${data[1]}\n c: ${data[2]}`);
  const errors = (['a', 'b', 'c'] as const).map((root) => {
    const mine = (body.errors ?? []).filter((e) => e.path?.[0] === root);
    return canonical([...new Set(mine.map((e) => JSON.stringify([plainPath(e.path!.slice(1), trees[root]), e.extensions?.['code'], e.extensions?.['rule']])))].sort());
  });
  if (errors[0] !== errors[1] || errors[1] !== errors[2]) violations.push(`the shapes answer different errors:\n a: ${errors[0]}\n b: ${errors[1]}\n c: ${errors[2]}`);
}

/** JSON with object keys sorted, so that key order does not count. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}
