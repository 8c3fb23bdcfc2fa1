/**
 * The audit records' zod shapes (records.ts) compiled once into plain predicates: the same verdict
 * as `schema.safeParse(value).success`, at a fraction of its cost. The writer checks every record
 * of every request (a combined view writes about 80, ≈ 130 KB of JSON), and zod's generic parse
 * (an issue list, a copy of each object, a dispatch per check) was most of that cost. The shapes
 * stay the one definition; a shape that uses anything this compiler does not know fails at start,
 * never silently passes. zod still names what is wrong when a record does not fit
 * (parseAuditRecord). tests/audit/record-check.test.ts runs both over every builder's records and
 * over each of them broken in many ways, and pins the same verdicts.
 */
import type { z } from 'zod';

export type RecordCheck = (value: unknown) => boolean;

/** What this compiler reads of a zod (v4) schema's definition. */
interface Def {
  type: string;
  checks?: readonly { _zod: { def: CheckDef } }[];
  /** A string format's own pattern (z.iso.datetime(), z.iso.date()). */
  format?: string;
  pattern?: RegExp;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  innerType?: z.ZodType;
  element?: z.ZodType;
  entries?: Record<string, string | number>;
  values?: readonly unknown[];
}

interface CheckDef {
  check: string;
  format?: string;
  pattern?: RegExp;
  minimum?: number;
  maximum?: number;
  value?: number;
  inclusive?: boolean;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

function unsupported(what: string): never {
  throw new Error(`record-check: cannot compile ${what}; check the record with zod, or teach this compiler the construct`);
}

/** A predicate with exactly zod's verdict for `schema`, or an error naming the construct it cannot compile. */
export function compileCheck(schema: z.ZodType): RecordCheck {
  const def = defOf(schema);
  switch (def.type) {
    case 'object':
      return objectCheck(def);
    case 'string':
      return stringCheck(def);
    case 'number':
      return numberCheck(def);
    case 'boolean':
      return (value) => typeof value === 'boolean';
    case 'enum': {
      const allowed = new Set(Object.values(def.entries ?? {}));
      return (value) => allowed.has(value as string);
    }
    case 'literal': {
      const allowed = new Set(def.values);
      return (value) => allowed.has(value);
    }
    case 'nullable': {
      const inner = compileCheck(def.innerType!);
      return (value) => value === null || inner(value);
    }
    case 'optional': {
      const inner = compileCheck(def.innerType!);
      return (value) => value === undefined || inner(value);
    }
    case 'array':
      return arrayCheck(def);
    default:
      return unsupported(`a schema of type ${def.type}`);
  }
}

function objectCheck(def: Def): RecordCheck {
  // A strict object (z.strictObject): its catchall is z.never(), so any other key is refused.
  if (!def.catchall || defOf(def.catchall).type !== 'never') unsupported('an object that is not strict');
  const members = Object.entries(def.shape ?? {}).map(([key, member]) => ({ key, check: compileCheck(member) }));
  const keys = new Set(members.map((m) => m.key));
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    const record = value as Record<string, unknown>;
    for (let i = 0; i < members.length; i += 1) if (!members[i]!.check(record[members[i]!.key])) return false;
    // Every key of a strict object's value must be one of its shape's (a missing optional one is undefined above).
    for (const key in record) if (!keys.has(key)) return false;
    return true;
  };
}

function stringCheck(def: Def): RecordCheck {
  // The checks folded into one test (bounds, at most one pattern): a closure per check cost more than the checks.
  let minimum = 0;
  let maximum = Infinity;
  const patterns: RegExp[] = [];
  if (def.format !== undefined) {
    if (def.format !== 'datetime' && def.format !== 'date') unsupported(`the string format ${def.format}`);
    patterns.push(patternOf(def.pattern));
  }
  for (const { _zod: { def: check } } of def.checks ?? []) {
    if (check.check === 'min_length') minimum = Math.max(minimum, check.minimum!);
    else if (check.check === 'max_length') maximum = Math.min(maximum, check.maximum!);
    else if (check.check === 'string_format' && check.format === 'regex') patterns.push(patternOf(check.pattern));
    else unsupported(`the string check ${check.check}${check.format ? ` (${check.format})` : ''}`);
  }
  if (patterns.length > 1) unsupported('a string with more than one pattern');
  const pattern = patterns[0];
  if (pattern === undefined) return (value) => typeof value === 'string' && value.length >= minimum && value.length <= maximum;
  // As zod does: a global or sticky pattern starts from the beginning each time.
  return (value) => typeof value === 'string' && value.length >= minimum && value.length <= maximum && ((pattern.lastIndex = 0), pattern.test(value));
}

function patternOf(pattern: RegExp | undefined): RegExp {
  return pattern ?? unsupported('a string format without a pattern');
}

function numberCheck(def: Def): RecordCheck {
  const tests: ((value: number) => boolean)[] = [];
  for (const { _zod: { def: check } } of def.checks ?? []) {
    if (check.check === 'number_format' && check.format === 'safeint') {
      tests.push(Number.isSafeInteger);
    } else if (check.check === 'greater_than') {
      const { value: bound, inclusive } = check as Required<CheckDef>;
      tests.push(inclusive ? (value) => value >= bound : (value) => value > bound);
    } else {
      unsupported(`the number check ${check.check}${check.format ? ` (${check.format})` : ''}`);
    }
  }
  return (value) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) return false;
    for (const test of tests) if (!test(value)) return false;
    return true;
  };
}

function arrayCheck(def: Def): RecordCheck {
  const element = compileCheck(def.element!);
  let minimum = 0;
  for (const { _zod: { def: check } } of def.checks ?? []) {
    if (check.check === 'min_length') minimum = check.minimum!;
    else unsupported(`the array check ${check.check}`);
  }
  return (value) => {
    if (!Array.isArray(value) || value.length < minimum) return false;
    for (const item of value) if (!element(item)) return false;
    return true;
  };
}
