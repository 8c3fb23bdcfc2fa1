/**
 * A mutation on the query planner's plan, one root field at a time. The planner plans a mutation
 * whole and runs a field's entity fetches in parallel with the next field (`addNote { case { status } }
 * closeCase { status }` would read `closed`), so each root field is planned on its own, in the
 * client's order, and is complete, the persons and addresses it reaches included, before the next
 * field starts: a field's result never reads a later field's writes.
 *
 * Consecutive fields of one partner share one call (the partner runs a mutation's fields in order,
 * as Apollo Router relies on) only while each field but the last is whole in that call: no entity
 * fetch and no subject waits for it after the call, when the later fields have written.
 *
 * Every field is planned before any runs: a field the planner cannot plan, or whose plan this executor
 * cannot run, refuses the whole operation, nothing written.
 */
import { Kind, visit, type DocumentNode, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { collectFields } from './collect.ts';
import { compilePlan } from './plan-compile.ts';
import { rootRun, runSteps, subjectWork } from './plan-run.ts';
import type { CompiledPlan, RootFetchStep, Step } from './plan-steps.ts';
import type { PlanSource, Unsatisfiable } from './plan-source.ts';
import type { Obj, State, WorkItem } from './types.ts';

/** One root field (all nodes of one response key) and its compiled plan. */
export interface FieldPlan {
  nodes: FieldNode[];
  compiled: CompiledPlan;
}

/** The plans of the mutation's root fields in the client's order, or why the operation cannot be executed. */
export function planMutation(state: State, plans: PlanSource, rootType: string): FieldPlan[] | Unsatisfiable {
  const fieldPlans: FieldPlan[] = [];
  for (const [key, nodes] of collectFields(state.pc, rootType, state.operation.selectionSet.selections)) {
    // The gateway answers a root __typename itself.
    if (nodes[0]!.name.value.startsWith('__')) continue;
    const { document, operation } = fieldDocument(state.operation, state.pc.fragments, nodes);
    const plan = plans.plan(document, undefined);
    const compiled = 'unsatisfiable' in plan ? plan : compilePlan(state.pc, operation, rootType, plan);
    if ('unsatisfiable' in compiled) return compiled;
    if (!mutationFetch(compiled.steps)) return { unsatisfiable: `the plan of ${key} does not start with one mutation call` };
    fieldPlans.push({ nodes, compiled });
  }
  return fieldPlans;
}

/** Runs the fields in order; `complete` completes the persons and addresses a field reached (their keys only), the policy deciding first. */
export async function runMutation(state: State, root: Obj, fieldPlans: readonly FieldPlan[], complete: (work: WorkItem[]) => Promise<void>): Promise<void> {
  for (let i = 0; i < fieldPlans.length; i++) {
    const { compiled } = fieldPlans[i]!;
    let steps = compiled.steps;
    let last = compiled;
    for (let next = fieldPlans[i + 1]?.compiled; next && sharesCall(last, next); next = fieldPlans[i + 1]?.compiled) {
      steps = joined(only(steps)!, next.steps);
      last = next;
      i += 1;
    }
    await runSteps(state, steps, rootRun(root));
    // Only the last field of a shared call can have reached subjects (sharesCall).
    const work = subjectWork([{ obj: root, path: undefined }], last.subjects);
    if (work.length > 0) await complete(work);
  }
}

/**
 * An operation with this root field only: its nodes without @skip/@include (already applied), the
 * variables and fragments they use. Printed, it is the key of the field's plan.
 */
function fieldDocument(
  source: OperationDefinitionNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  nodes: readonly FieldNode[],
): { document: DocumentNode; operation: OperationDefinitionNode } {
  const selections = nodes.map((node) => {
    const directives = node.directives?.filter((d) => d.name.value !== 'skip' && d.name.value !== 'include');
    return directives?.length === node.directives?.length ? node : { ...node, directives };
  });
  const variables = new Set<string>();
  const spreads: FragmentDefinitionNode[] = [];
  const uses = (node: FieldNode | FragmentDefinitionNode) =>
    visit(node, {
      Variable: (v) => void variables.add(v.name.value),
      FragmentSpread: (s) => {
        const fragment = fragments[s.name.value];
        if (fragment && !spreads.includes(fragment)) {
          spreads.push(fragment);
          uses(fragment);
        }
      },
    });
  for (const node of selections) uses(node);
  const operation: OperationDefinitionNode = {
    kind: Kind.OPERATION_DEFINITION,
    operation: source.operation,
    variableDefinitions: (source.variableDefinitions ?? []).filter((d) => variables.has(d.variable.name.value)),
    selectionSet: { kind: Kind.SELECTION_SET, selections },
  };
  return { document: { kind: Kind.DOCUMENT, definitions: [operation, ...spreads] }, operation };
}

/**
 * The plan's one mutation call, leading its steps. A plan that calls more than one partner with the
 * mutation field (a shareable one) would run it twice: such a mutation is refused.
 */
function mutationFetch(steps: Step): RootFetchStep | undefined {
  const roots: RootFetchStep[] = [];
  const find = (step: Step | undefined): void => {
    if (!step) return;
    if (step.kind === 'fetch') roots.push(step);
    else if (step.kind === 'sequence' || step.kind === 'parallel') step.steps.forEach(find);
    else if (step.kind === 'condition') [step.then, step.otherwise].forEach(find);
  };
  find(steps);
  const lead = leading(steps);
  return roots.length === 1 && lead === roots[0] && lead?.operation === 'mutation' ? lead : undefined;
}

function leading(steps: Step): RootFetchStep | undefined {
  if (steps.kind === 'fetch') return steps;
  return steps.kind === 'sequence' && steps.steps[0] ? leading(steps.steps[0]) : undefined;
}

/** Whether `next` may join the call of `field`: the same partner, and `field` is whole in that call. */
function sharesCall(field: CompiledPlan, next: CompiledPlan): boolean {
  const whole = field.subjects.length === 0 ? only(field.steps) : undefined;
  return whole !== undefined && leading(next.steps)?.graph === whole.graph;
}

/** The plan's root fetch when it is the plan's only step. */
function only(steps: Step): RootFetchStep | undefined {
  if (steps.kind === 'fetch') return steps;
  return steps.kind === 'sequence' && steps.steps.length === 1 ? only(steps.steps[0]!) : undefined;
}

/** `next`'s steps with its leading mutation call also asking the fields of `call`, first. */
function joined(call: RootFetchStep, next: Step): Step {
  const lead = leading(next)!;
  const merged: RootFetchStep = {
    ...lead,
    selections: [...call.selections, ...lead.selections],
    coordinates: [...call.coordinates, ...lead.coordinates],
    renamed: call.renamed || lead.renamed,
  };
  if (next.kind === 'fetch') return merged;
  const replace = (step: Step): Step => (step === lead ? merged : step.kind === 'sequence' ? { ...step, steps: [replace(step.steps[0]!), ...step.steps.slice(1)] } : step);
  return replace(next);
}
