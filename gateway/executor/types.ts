/** The executor's data: its options and output, and the state one operation's execution carries. */
import {
  GraphQLError,
  type DocumentNode,
  type ExecutionResult,
  type FieldNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
} from 'graphql';
import type { Classification, Minimisation, SubjectKind } from '../../schema/classification.ts';
import type { RequestContext } from '../context/types.ts';
import type { Decision, Policy } from '../policy/types.ts';
import type { DecisionInput } from '../policy/facts.ts';
import type { Path } from './path.ts';
import type { ProjectContext } from './project.ts';
import type { SubgraphFetcher } from './subgraph-client.ts';
import type { AllowedFields } from './plan-allowed.ts';
import type { SubjectPlans } from './subject-plan.ts';
import type { Supergraph } from './supergraph.ts';

export type Obj = Record<string, unknown>;
export type PathArray = ReadonlyArray<string | number>;

export interface SubjectType {
  kind: SubjectKind;
  idField: string;
  /** The partner whose classification of the key field applies when the gateway already holds it. */
  registry: string;
}

export const DEFAULT_SUBJECT_TYPES: Record<string, SubjectType> = {
  Persoon: { kind: 'person', idField: 'bsn', registry: 'brp' },
  Adres: { kind: 'address', idField: 'adresId', registry: 'bag' },
};

export interface PartnerCallInfo {
  graph: string;
  /** Every "Type.field" coordinate the call selects, at every level (for the partner token). */
  coordinates: string[];
  context: RequestContext;
  /** The span of this partner call: its `traceparent` and the reference into the partner's log. */
  spanId: string;
}

export interface ExecutorOptions {
  supergraph: Supergraph;
  apiSchema: GraphQLSchema;
  /** "<graph>:<Type.field>" → the owner's classification. */
  classifications: ReadonlyMap<string, Classification>;
  policy: Policy;
  minimise: (transform: Minimisation, value: unknown) => unknown;
  subjectTypes?: Record<string, SubjectType>;
  /** Graph name → URL; defaults to the URLs in the supergraph. */
  urls?: ReadonlyMap<string, string>;
  fetcher?: SubgraphFetcher;
  /** One partner call's time limit. */
  timeoutMs?: number;
  /** The whole request's time limit: partner calls get what is left of it. */
  requestTimeoutMs?: number;
  headersFor?: (call: PartnerCallInfo) => Promise<Record<string, string>> | Record<string, string>;
  maxRounds?: number;
  /** No dragnet: at most this many distinct persons are decided on per request; the rest are denied. */
  maxPersonsPerRequest?: number;
  /** No dragnet over many requests: counts the new persons of a round for the caller's day; false refuses them. */
  admitPersons?: (context: RequestContext, newPersons: number) => Promise<boolean>;
}

export interface DecisionRecord {
  coordinate: string;
  owner: string;
  tier: Classification['tier'] | 'unclassified';
  subject: { kind: SubjectKind; id: string | undefined };
  path: PathArray;
  decision: Decision;
  /** The round it was decided in: the partner's call of that round fetched the field (decision records group by it). */
  round: number;
  /** What the policy's rules decided on, for the decision record; absent for a decision made outside them. */
  input?: DecisionInput;
}

export interface PartnerCallRecord {
  graph: string;
  spanId: string;
  startedAt: Date;
  endedAt: Date;
  ok: boolean;
  failure?: string;
  /** The gateway's guard refused the call (circuit open, queue full): it never reached the partner. */
  refused?: true;
  coordinates: string[];
  /** The round of an `_entities` call (as DecisionRecord's round); absent for a root call. */
  round?: number;
}

export interface MinimisedRecord {
  path: PathArray;
  coordinate: string;
  transform: Minimisation;
  value: unknown;
}

export interface ExecutionInput {
  document: DocumentNode;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
  context: RequestContext;
}

export interface ExecutionOutput {
  result: ExecutionResult;
  decisions: DecisionRecord[];
  calls: PartnerCallRecord[];
  minimised: MinimisedRecord[];
  /** Set when a store read the policy needed failed: the request fails as a whole (HTTP 503, no data). */
  storeUnavailable?: true;
}

export interface WorkItem {
  obj: Obj;
  selections: readonly SelectionNode[];
  path: Path;
}

export interface SubjectField {
  key: string;
  nodes: FieldNode[];
  name: string;
  owner: string;
  /** Fetched on the subjects' query plan (subject-plan.ts), from `owner`, once allowed; else a key field the gateway holds. */
  planned?: true;
}

export interface SubjectEntry {
  obj: Obj;
  typename: string;
  path: Path;
  fields: SubjectField[];
}

/** The persons and addresses of one round, with the fields the policy decides on. */
export interface Round {
  subjects: SubjectEntry[];
}

export interface State {
  pc: ProjectContext;
  options: ExecutorOptions;
  subjectTypes: Record<string, SubjectType>;
  context: RequestContext;
  operation: OperationDefinitionNode;
  rawVariables: Record<string, unknown>;
  topErrors: GraphQLError[];
  decisions: DecisionRecord[];
  calls: PartnerCallRecord[];
  minimised: MinimisedRecord[];
  /** The rounds of partner calls run so far in this operation (DecisionRecord's round). */
  round: number;
  persons: Set<string>;
  deadline: number;
  refusedToday: Set<string>;
  storeUnavailable: boolean;
  /** What the policy allowed of each subject completed on a plan (plan-allowed.ts). */
  allowed: AllowedFields;
  /** Plans of the planning supergraph (entry-supergraph.ts); absent when it has none. */
  subjectPlans: SubjectPlans | undefined;
}

export interface Executor {
  execute(input: ExecutionInput): Promise<ExecutionOutput>;
}
