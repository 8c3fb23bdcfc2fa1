/**
 * Generated queries over the gateway's API schema, and the same query in other shapes.
 *
 * A generated selection may use aliases (also reserved and internal-looking ones such as `_dp_bsn`,
 * `c_x` or `__typename`), fragments, inline fragments, @skip/@include and repeated fields, and
 * nests lists of persons and addresses. `flat` is the same selection without fragments and
 * directives; `plain` is that without aliases. The three must answer the same data and the same
 * decisions: the outcome for a field may not depend on the query's shape.
 */
import fc from 'fast-check';
import { getNamedType, isLeafType, isObjectType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';

export type Directive = 'include-true' | 'skip-false' | 'skip-true' | 'include-false';

export type Selection =
  | { kind: 'field'; name: string; alias?: string; directive?: Directive; children?: Selection[] }
  | { kind: 'inline'; typed: boolean; children: Selection[] }
  | { kind: 'fragment'; children: Selection[] };

/** Aliases a client could write, harmless and hostile; `__` ones must be refused at validation. */
const ALIASES = ['x', 'y', 'bsn', 'naam', 'adresId', 'straat', '_x', '_dp_bsn', '_dp_adresId', '_dp_id', 'c_x', 'c__dp_bsn'];
const RESERVED_ALIASES = ['__typename', '__x'];

const DIRECTIVES: Directive[] = ['include-true', 'skip-false', 'skip-true', 'include-false'];

/** Selections of 1 to 3 fields on `type`, `depth` object levels deep at most. */
export function selectionArb(schema: GraphQLSchema, type: GraphQLObjectType, depth: number): fc.Arbitrary<Selection[]> {
  const fields = Object.values(type.getFields()).filter((f) => depth > 0 || isLeafType(getNamedType(f.type)));
  const field: fc.Arbitrary<Selection> = fc.constantFrom(...fields.map((f) => f.name), '__typename').chain((name) => {
    const named = name === '__typename' ? undefined : getNamedType(type.getFields()[name]!.type);
    const children = named && isObjectType(named) ? selectionArb(schema, named, depth - 1) : fc.constant(undefined);
    return fc.record(
      {
        name: fc.constant(name),
        alias: fc.oneof(
          { weight: 60, arbitrary: fc.constant(undefined) },
          { weight: 20, arbitrary: fc.constantFrom(...ALIASES) },
          { weight: 1, arbitrary: fc.constantFrom(...RESERVED_ALIASES) },
        ),
        directive: fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom(...DIRECTIVES) }),
        children,
      },
    ).map((f) => ({ kind: 'field' as const, ...strip(f) }));
  });
  const wrapped: fc.Arbitrary<Selection> = fc
    .tuple(fc.constantFrom('inline-typed', 'inline', 'fragment'), fc.array(field, { minLength: 1, maxLength: 2 }))
    .map(([wrap, children]) => (wrap === 'fragment' ? { kind: 'fragment', children } : { kind: 'inline', typed: wrap === 'inline-typed', children }));
  return fc.array(fc.oneof({ weight: 4, arbitrary: field }, { weight: 1, arbitrary: wrapped }), { minLength: 1, maxLength: 3 });
}

function strip<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** Whether the selection uses an alias GraphQL reserves (the request must then be refused at validation). */
export function usesReservedAlias(selections: readonly Selection[]): boolean {
  return selections.some((s) => (s.kind === 'field' && s.alias?.startsWith('__')) || usesReservedAlias(s.children ?? []));
}

interface Level {
  /** Response key → field name and the level below it (shared by repeated fields). */
  keys: Map<string, { name: string; below: Level }>;
}

/**
 * The selection with fields whose response key another field already uses dropped (an alias is
 * dropped first), so that it passes validation: the fields of one response key, across fragments
 * and repeats, must be the same field.
 */
export function mergeable(selections: readonly Selection[]): Selection[] {
  return withAField(mergeableAt(selections, { keys: new Map() }));
}

/** A selection whose every field is skipped is valid, but has no form without directives: it gets a `__typename`. */
function withAField(selections: Selection[]): Selection[] {
  return flat(selections).length === 0 ? [...selections, { kind: 'field', name: '__typename' }] : selections;
}

function mergeableAt(selections: readonly Selection[], level: Level): Selection[] {
  const out: Selection[] = [];
  for (const s of selections) {
    if (s.kind !== 'field') {
      const children = mergeableAt(s.children, level);
      if (children.length) out.push({ ...s, children });
      continue;
    }
    let field = s;
    const taken = (key: string) => level.keys.get(key) !== undefined && level.keys.get(key)!.name !== s.name;
    if (field.alias !== undefined && taken(field.alias)) field = { ...field, alias: undefined } as typeof field;
    const key = field.alias ?? field.name;
    if (taken(key)) continue;
    let entry = level.keys.get(key);
    if (!entry) level.keys.set(key, (entry = { name: s.name, below: { keys: new Map() } }));
    out.push(strip({ ...field, children: field.children ? withAField(mergeableAt(field.children, entry.below)) : undefined }));
  }
  return out;
}

/** The same selection without fragments and directives (a field skipped is left out). */
export function flat(selections: readonly Selection[]): Selection[] {
  return selections.flatMap((s): Selection[] => {
    if (s.kind !== 'field') return flat(s.children);
    if (s.directive === 'skip-true' || s.directive === 'include-false') return [];
    return [strip({ kind: 'field', name: s.name, alias: s.alias, children: s.children ? flat(s.children) : undefined })];
  });
}

/** The flat selection without aliases (repeated fields merge). */
export function plain(selections: readonly Selection[]): Selection[] {
  return flat(selections).map((s) => (s.kind === 'field' ? strip({ kind: 'field', name: s.name, children: s.children ? plain(s.children) : undefined }) : s));
}

/** The selection as GraphQL text on `type`, with its named fragments added to `fragments`. */
export function print(selections: readonly Selection[], type: GraphQLObjectType, schema: GraphQLSchema, fragments: string[]): string {
  const parts = selections.map((s) => {
    if (s.kind === 'inline') return `... ${s.typed ? `on ${type.name} ` : ''}{ ${print(s.children, type, schema, fragments)} }`;
    if (s.kind === 'fragment') {
      const name = `F${fragments.length}`;
      fragments.push('');
      fragments[Number(name.slice(1))] = `fragment ${name} on ${type.name} { ${print(s.children, type, schema, fragments)} }`;
      return `...${name}`;
    }
    const directive = s.directive ? ` @${s.directive.split('-')[0]}(if: ${s.directive.endsWith('true')})` : '';
    const below = s.children ? getNamedType(type.getFields()[s.name]!.type) : undefined;
    const children = s.children && below && isObjectType(below) ? ` { ${print(s.children, below, schema, fragments)} }` : '';
    return `${s.alias ? `${s.alias}: ` : ''}${s.name}${directive}${children}`;
  });
  return parts.join(' ');
}

/**
 * The key map of a flat selection: response key → field name and the map below, so that an
 * answer to it can be put in the keys of the plain selection (`toPlainKeys`).
 */
export function keyTree(selections: readonly Selection[]): Level {
  const level: Level = { keys: new Map() };
  const add = (list: readonly Selection[], into: Level) => {
    for (const s of list) {
      if (s.kind !== 'field') continue;
      const key = s.alias ?? s.name;
      let entry = into.keys.get(key);
      if (!entry) into.keys.set(key, (entry = { name: s.name, below: { keys: new Map() } }));
      if (s.children) add(s.children, entry.below);
    }
  };
  add(selections, level);
  return level;
}

export type KeyTree = Level;

/**
 * An answer to the flat selection in the keys of the plain one: the answers under two response keys
 * of one field are merged (their sub-selections may differ). Where both hold a value for the same
 * leaf, it must be the same; where not, the place is reported in `conflicts`.
 */
export function toPlainKeys(value: unknown, level: Level, conflicts: string[], at = ''): unknown {
  if (Array.isArray(value)) return value.map((v, i) => toPlainKeys(v, level, conflicts, `${at}.${i}`));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const entry = level.keys.get(key);
    const name = entry?.name ?? key;
    const mapped = toPlainKeys(v, entry?.below ?? { keys: new Map() }, conflicts, `${at}.${key}`);
    out[name] = name in out ? merged(out[name], mapped, conflicts, `${at}.${key}`) : mapped;
  }
  return out;
}

function merged(a: unknown, b: unknown, conflicts: string[], at: string): unknown {
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) return a.map((item, i) => merged(item, b[i], conflicts, `${at}.${i}`));
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const out: Record<string, unknown> = { ...(a as Record<string, unknown>) };
    for (const [key, value] of Object.entries(b)) out[key] = key in out ? merged(out[key], value, conflicts, `${at}.${key}`) : value;
    return out;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) conflicts.push(at);
  return a;
}

/** An error path of the flat selection in the keys of the plain one. */
export function plainPath(path: readonly (string | number)[], level: Level): (string | number)[] {
  const out: (string | number)[] = [];
  let at: Level | undefined = level;
  for (const part of path) {
    if (typeof part === 'number') {
      out.push(part);
      continue;
    }
    const entry: { name: string; below: Level } | undefined = at?.keys.get(part);
    out.push(entry?.name ?? part);
    at = entry?.below;
  }
  return out;
}
