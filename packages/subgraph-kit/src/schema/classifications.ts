/**
 * Reading the `@classified` directive from a subgraph's SDL: the classification of every field that
 * declares one, and a problem for every declaration that is wrong or missing.
 *
 * Every field of a subject type (`Persoon`, `Adres`) must be classified, in every subgraph that
 * resolves it; a field the subgraph only references (`@external`) is classified by its owner.
 */
import { Kind, print, visit } from 'graphql';
import type {
  ConstArgumentNode,
  ConstDirectiveNode,
  ConstValueNode,
  DefinitionNode,
  DocumentNode,
  FieldDefinitionNode,
  InterfaceTypeDefinitionNode,
  InterfaceTypeExtensionNode,
  ObjectTypeDefinitionNode,
  ObjectTypeExtensionNode,
} from 'graphql';
import { MINIMISATIONS, SUBJECT_TYPES, TIERS } from './classification.ts';
import type { Classification, Minimisation, Tier } from './classification.ts';
import { describePlace, problemAt } from './problems.ts';
import { PROTECTED_STATUSES, revealedStatus, type ProtectedStatus } from './protected-status.ts';
import type { SchemaProblem } from './problems.ts';
import { locationOf, parseSubgraph } from './subgraph-sdl.ts';

export interface ClassificationOptions {
  /** When given, every purpose must be one of these ids (the covenant's purposes). */
  knownPurposes?: readonly string[];
  /** The words that show a field reveals a protected status (default: PROTECTED_STATUSES). */
  protectedStatuses?: readonly ProtectedStatus[];
}

export interface ClassificationReport {
  /** Keyed by "Type.field". */
  classifications: Map<string, Classification>;
  /** In the order they appear in the SDL. */
  problems: SchemaProblem[];
  /** Classifications that are valid but look wrong (a protected status at the lowest tier); they do not fail the check. */
  warnings: SchemaProblem[];
}

const DIRECTIVE = 'classified';
const ARGUMENTS = ['tier', 'purposes', 'minimised'];
const EXAMPLE = '@classified(tier: "identifying", purposes: ["uitkeringsfraude"], minimised: "year")';

export function readClassifications(subgraphName: string, sdl: string, options: ClassificationOptions = {}): ClassificationReport {
  const parsed = parseSubgraph(subgraphName, sdl);
  if (!parsed.ok) return { classifications: new Map(), problems: parsed.problems, warnings: [] };
  return classificationsOf(subgraphName, parsed.document, options);
}

export function classificationsOf(subgraph: string, document: DocumentNode, options: ClassificationOptions = {}): ClassificationReport {
  const classifications = new Map<string, Classification>();
  const problems: SchemaProblem[] = [];
  const warnings: SchemaProblem[] = [];
  const fieldDirectives = new Set<ConstDirectiveNode>();
  for (const definition of document.definitions) {
    if (!hasFields(definition)) continue;
    for (const field of definition.fields ?? []) {
      const coordinate = `${definition.name.value}.${field.name.value}`;
      const directives = (field.directives ?? []).filter((directive) => directive.name.value === DIRECTIVE);
      directives.forEach((directive) => fieldDirectives.add(directive));
      const checker = new FieldChecker(subgraph, coordinate, options);
      const classification = checker.check(field, directives, isSubjectType(definition.name.value));
      if (classification !== undefined) classifications.set(coordinate, classification);
      problems.push(...checker.problems);
      if (classification?.tier === 'low') warnings.push(...protectedStatusAtLowestTier(subgraph, coordinate, field, options));
    }
  }
  problems.push(...misplacedDirectives(subgraph, document, fieldDirectives));
  return { classifications, problems: problems.sort(byPosition), warnings };
}

/** A warning when a field of the lowest tier reveals a protected status by its name or description (protected-status.ts). */
function protectedStatusAtLowestTier(subgraph: string, coordinate: string, field: FieldDefinitionNode, options: ClassificationOptions): SchemaProblem[] {
  const revealed = revealedStatus(field.name.value, field.description?.value, options.protectedStatuses ?? PROTECTED_STATUSES);
  if (revealed === undefined) return [];
  const location = locationOf(field.name);
  return [
    problemAt(
      subgraph,
      coordinate,
      location,
      `${describePlace(subgraph, coordinate, location)} is classified "low", but its name or description says it reveals ${revealed.status}. ` +
        'Knowing that such a status holds needs a selection: classify it "identifying" or higher.',
    ),
  ];
}

type TypeWithFields = ObjectTypeDefinitionNode | ObjectTypeExtensionNode | InterfaceTypeDefinitionNode | InterfaceTypeExtensionNode;

function hasFields(definition: DefinitionNode): definition is TypeWithFields {
  return (
    definition.kind === Kind.OBJECT_TYPE_DEFINITION ||
    definition.kind === Kind.OBJECT_TYPE_EXTENSION ||
    definition.kind === Kind.INTERFACE_TYPE_DEFINITION ||
    definition.kind === Kind.INTERFACE_TYPE_EXTENSION
  );
}

function isSubjectType(typeName: string): boolean {
  return Object.hasOwn(SUBJECT_TYPES, typeName);
}

function isExternal(field: FieldDefinitionNode): boolean {
  return (field.directives ?? []).some((directive) => directive.name.value === 'external');
}

/** Checks one field's @classified; collects the problems it finds. */
class FieldChecker {
  readonly problems: SchemaProblem[] = [];

  constructor(
    private readonly subgraph: string,
    private readonly coordinate: string,
    private readonly options: ClassificationOptions,
  ) {}

  check(field: FieldDefinitionNode, directives: ConstDirectiveNode[], mustBeClassified: boolean): Classification | undefined {
    const [directive, repeated] = directives;
    if (directive === undefined) {
      if (mustBeClassified && !isExternal(field)) {
        this.report(
          field,
          `has no @classified directive. Every field about a person or an address must declare its tier, the purposes it may be shared for, and (optionally) its minimised form, e.g. ${EXAMPLE}.`,
        );
      }
      return undefined;
    }
    if (repeated !== undefined) {
      this.report(repeated, 'has @classified more than once. Declare it once, with all its purposes in one list.');
      return undefined;
    }
    return this.read(directive);
  }

  private read(directive: ConstDirectiveNode): Classification | undefined {
    const args = directive.arguments ?? [];
    for (const arg of args.filter(({ name }) => !ARGUMENTS.includes(name.value))) {
      this.report(arg, `has @classified with an unknown argument "${arg.name.value}". Its arguments are tier, purposes and minimised.`);
    }
    const argument = (name: string): ConstArgumentNode | undefined => args.find((arg) => arg.name.value === name);
    const before = this.problems.length;
    const tier = this.readTier(directive, argument('tier'));
    const purposes = this.readPurposes(directive, argument('purposes'));
    const minimised = this.readMinimised(argument('minimised'));
    if (this.problems.length > before || tier === undefined || purposes === undefined) return undefined;
    return minimised === undefined ? { tier, purposes } : { tier, purposes, minimised };
  }

  private readTier(directive: ConstDirectiveNode, arg: ConstArgumentNode | undefined): Tier | undefined {
    if (arg === undefined) {
      this.report(directive, `has @classified without a tier. Add one of ${quoteAll(TIERS)}, e.g. tier: "identifying".`);
      return undefined;
    }
    const tier = TIERS.find((known) => isString(arg.value, known));
    if (tier === undefined) this.report(arg.value, `has an unknown tier ${print(arg.value)}. Use one of ${quoteAll(TIERS)}.`);
    return tier;
  }

  private readPurposes(directive: ConstDirectiveNode, arg: ConstArgumentNode | undefined): string[] | undefined {
    const example = 'e.g. purposes: ["uitkeringsfraude"]';
    if (arg === undefined) {
      this.report(directive, `has @classified without purposes. List the covenant purposes the field may be shared for, ${example}.`);
      return undefined;
    }
    // GraphQL coerces a single value to a list of one.
    const values = arg.value.kind === Kind.LIST ? arg.value.values : [arg.value];
    if (values.length === 0) {
      this.report(arg.value, `has an empty purposes list. List at least one covenant purpose the field may be shared for, ${example}.`);
      return undefined;
    }
    const purposes: string[] = [];
    for (const value of values) {
      if (value.kind !== Kind.STRING || value.value.trim() === '') {
        this.report(value, `has a purpose ${print(value)} that is not a purpose id. A purpose is a non-empty string, e.g. "uitkeringsfraude".`);
      } else if (purposes.includes(value.value)) {
        this.report(value, `lists the purpose "${value.value}" more than once. List each purpose once.`);
      } else if (this.options.knownPurposes !== undefined && !this.options.knownPurposes.includes(value.value)) {
        this.report(value, `has an unknown purpose "${value.value}". Known purposes: ${quoteAll(this.options.knownPurposes)}.`);
      } else {
        purposes.push(value.value);
      }
    }
    return purposes;
  }

  private readMinimised(arg: ConstArgumentNode | undefined): Minimisation | undefined {
    if (arg === undefined || arg.value.kind === Kind.NULL) return undefined;
    const minimised = MINIMISATIONS.find((known) => isString(arg.value, known));
    if (minimised === undefined) {
      this.report(arg.value, `has an unknown minimised form ${print(arg.value)}. Use one of ${quoteAll(MINIMISATIONS)}, or leave minimised out.`);
    }
    return minimised;
  }

  private report(node: ConstDirectiveNode | ConstArgumentNode | ConstValueNode | FieldDefinitionNode, text: string): void {
    const location = locationOf(node);
    this.problems.push(problemAt(this.subgraph, this.coordinate, location, `${describePlace(this.subgraph, this.coordinate, location)} ${text}`));
  }
}

function isString(value: ConstValueNode, expected: string): boolean {
  return value.kind === Kind.STRING && value.value === expected;
}

function quoteAll(values: readonly string[]): string {
  return values.map((value) => `"${value}"`).join(', ');
}

/** @classified anywhere but on the field of an object type or interface classifies nothing: say so. */
function misplacedDirectives(subgraph: string, document: DocumentNode, fieldDirectives: ReadonlySet<ConstDirectiveNode>): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  visit(document, {
    Directive(node) {
      if (node.name.value !== DIRECTIVE || fieldDirectives.has(node as ConstDirectiveNode)) return;
      const location = locationOf(node);
      problems.push(
        problemAt(
          subgraph,
          '',
          location,
          `${describePlace(subgraph, '', location)}: @classified is only allowed on the fields of an object type or interface, where it classifies that field.`,
        ),
      );
    },
  });
  return problems;
}

function byPosition(a: SchemaProblem, b: SchemaProblem): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}
