import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { checkLimits, subjectCost, weightByType, type QueryLimits } from '../../gateway/limits/check.ts';
import { schema } from './schema.ts';

const generous: QueryLimits = { maxDepth: 100, maxAliases: 100, maxRootFields: 100, maxFields: 10_000, maxCost: Number.MAX_SAFE_INTEGER };

function check(query: string, limits: Partial<QueryLimits>, variables?: Record<string, unknown>, operationName: string | null = null) {
  return checkLimits(parse(query), schema, operationName, variables, { ...generous, ...limits }).map((e) => ({
    message: e.message,
    extensions: e.extensions,
  }));
}

/** `persoon { kinderen { kinderen { ... naam } } }`: `levels` fields deep. */
function nested(levels: number): string {
  return `{ persoon(bsn: "1") { ${'kinderen { '.repeat(levels - 2)}naam${' }'.repeat(levels - 2)} } }`;
}

describe('depth', () => {
  it('passes at the limit and refuses one level more, naming both', () => {
    expect(check(nested(15), { maxDepth: 15 })).toEqual([]);
    expect(check(nested(17), { maxDepth: 15 })).toEqual([
      {
        message: 'The query is 17 levels deep; the limit is 15. Split it into smaller queries.',
        extensions: { code: 'QUERY_TOO_DEEP', limit: 15, value: 17 },
      },
    ]);
    expect(check(nested(16), { maxDepth: 15 })[0]?.extensions.value).toBe(16);
  });

  it('counts the levels inside fragments and inline fragments', () => {
    const query = `
      { persoon(bsn: "1") { ...Kind } }
      fragment Kind on Persoon { kinderen { ... on Persoon { adres { straat } } } }`;
    expect(check(query, { maxDepth: 4 })).toEqual([]);
    expect(check(query, { maxDepth: 3 }).map((e) => e.message)).toEqual(['The query is 4 levels deep; the limit is 3. Split it into smaller queries.']);
  });

  it('stays finite on fragments that spread each other', () => {
    const query = `
      { persoon(bsn: "1") { ...A } }
      fragment A on Persoon { naam kinderen { ...B } }
      fragment B on Persoon { bsn kinderen { ...A } }`;
    // persoon > naam, kinderen > bsn, kinderen > (A again: not expanded)
    expect(check(query, { maxDepth: 3, maxFields: 5 })).toEqual([]);
    expect(check(query, { maxDepth: 2, maxFields: 4 }).map((e) => e.extensions)).toEqual([
      { code: 'QUERY_TOO_DEEP', limit: 2, value: 3 },
      { code: 'TOO_MANY_FIELDS', limit: 4, value: 5 },
    ]);
  });
});

describe('aliases', () => {
  const two = `{ a: persoon(bsn: "1") { naam } b: persoon(bsn: "2") { naam } }`;
  const three = `{ a: persoon(bsn: "1") { naam } b: persoon(bsn: "2") { naam } c: persoon(bsn: "3") { n: naam } }`;

  it('passes at the limit and refuses one alias more', () => {
    expect(check(two, { maxAliases: 3 })).toEqual([]);
    expect(check(three, { maxAliases: 3 })).toEqual([
      {
        message: 'The query uses 4 aliases (fragments expanded); the limit is 3. Ask for each field once, or split the query.',
        extensions: { code: 'TOO_MANY_ALIASES', limit: 3, value: 4 },
      },
    ]);
  });

  it('counts an aliased field in a fragment once per spread', () => {
    const query = `
      { persoon(bsn: "1") { ...N kinderen { ...N } } }
      fragment N on Persoon { n1: naam n2: naam }`;
    expect(check(query, { maxAliases: 4 })).toEqual([]);
    expect(check(query, { maxAliases: 3 }).map((e) => e.extensions.value)).toEqual([4]);
  });
});

describe('root fields', () => {
  it('passes at the limit and refuses one root field more, counting root fragments', () => {
    const query = `{ persoon(bsn: "1") { naam } ...Root } fragment Root on Query { adres(adresId: "a") { straat } zoekPersonen { naam } }`;
    expect(check(query, { maxRootFields: 3 })).toEqual([]);
    expect(check(query, { maxRootFields: 2 })).toEqual([
      {
        message: 'The query asks for 3 root fields; the limit is 2. Split it into smaller queries.',
        extensions: { code: 'TOO_MANY_ROOT_FIELDS', limit: 2, value: 3 },
      },
    ]);
  });
});

describe('fields', () => {
  it('counts every selection with each spread expanded', () => {
    // persoon + (naam, bsn) + adres + bewoners + (naam, bsn) = 7
    const query = `
      { persoon(bsn: "1") { ...P } adres(adresId: "a") { bewoners { ...P } } }
      fragment P on Persoon { naam bsn }`;
    expect(check(query, { maxFields: 7 })).toEqual([]);
    expect(check(query, { maxFields: 6 })).toEqual([
      {
        message: 'The query selects 7 fields (fragments expanded); the limit is 6. Select fewer fields, or split the query.',
        extensions: { code: 'TOO_MANY_FIELDS', limit: 6, value: 7 },
      },
    ]);
  });

  it('measures a document that doubles itself through fragments without expanding it', () => {
    const levels = 40;
    const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i} on Persoon { ...F${i + 1} ...F${i + 1} }`).join('\n');
    const query = `{ persoon(bsn: "1") { ...F0 } } ${fragments} fragment F${levels} on Persoon { naam }`;
    expect(check(query, { maxFields: 1000 })[0]?.extensions).toEqual({ code: 'TOO_MANY_FIELDS', limit: 1000, value: 2 ** levels + 1 });
  });
});

describe('cost', () => {
  const weights = { fieldWeight: weightByType({ Persoon: 5, Adres: 3 }) };

  it('multiplies a list by its eerste argument and weighs person and address fields', () => {
    // zoekPersonen 4 × (1 + naam 5 + adres 5 + straat 3) = 56
    const query = `{ zoekPersonen(eerste: 4) { naam adres { straat } } }`;
    expect(check(query, { ...weights, maxCost: 56 })).toEqual([]);
    expect(check(query, { ...weights, maxCost: 55 })).toEqual([
      {
        message: "The query's estimated cost is 56; the limit is 55. Ask for fewer items with first/eerste, or fewer fields about persons and addresses.",
        extensions: { code: 'QUERY_TOO_COSTLY', limit: 55, value: 56 },
      },
    ]);
  });

  it('takes the list size from a variable, the variable default, or the configured default', () => {
    const query = `query Zoek($n: Int) { zoekPersonen(eerste: $n) { naam } }`;
    const defaulted = `query Zoek($n: Int = 2) { zoekPersonen(eerste: $n) { naam } }`;
    const cost = (q: string, variables: Record<string, unknown>, defaultListSize?: number) =>
      check(q, { ...weights, maxCost: 0, ...(defaultListSize ? { defaultListSize } : {}) }, variables)[0]?.extensions.value;
    expect(cost(query, { n: 3 })).toBe(18);
    expect(cost(defaulted, {})).toBe(12);
    expect(cost(query, {})).toBe(60);
    expect(cost(query, {}, 7)).toBe(42);
  });

  it('multiplies a nested list by its own first argument', () => {
    // persoon (1 + kinderen 3 × (5 + naam 5)) = 31
    expect(check(`{ persoon(bsn: "1") { kinderen(first: 3) { naam } } }`, { ...weights, maxCost: 0 })[0]?.extensions.value).toBe(31);
  });

  it('hands a page field’s size, given or schema default, to the list inside it', () => {
    // projectAdressen 1 + items n × (1 + straat 3)
    const cost = (q: string) => check(q, { ...weights, maxCost: 0 })[0]?.extensions.value;
    expect(cost(`{ projectAdressen(eerste: 2) { items { straat } } }`)).toBe(9);
    expect(cost(`{ projectAdressen { items { straat } } }`)).toBe(201);
    expect(cost(`{ projectAdressen { ...Items } } fragment Items on Pagina { items { straat } }`)).toBe(201);
  });

  it('counts no list inside a person or an address once subjects are named: the policy bounds those at run time', () => {
    const cost = (q: string) => check(q, { ...subjectCost, maxCost: 0 })[0]?.extensions.value;
    // persoon (1 + kinderen 1 × (5 + naam 5)) = 11, whatever first says
    expect(cost(`{ persoon(bsn: "1") { kinderen(first: 3) { naam } } }`)).toBe(11);
    expect(cost(`{ adres(adresId: "1") { bewoners { naam kinderen { naam } } } }`)).toBe(1 + 3 + 5 + 5 + 5);
    // a root list and a page still multiply: 4 × (1 + naam 5 + adres 5 + straat 3) = 56; 2 × (1 + straat 3) + 1 = 9
    expect(cost(`{ zoekPersonen(eerste: 4) { naam adres { straat } } }`)).toBe(56);
    expect(cost(`{ projectAdressen(eerste: 2) { items { straat } } }`)).toBe(9);
  });

  it('costs the most expensive type’s selection per item of a union or interface, not every type’s', () => {
    const cost = (q: string) => check(q, { ...weights, maxCost: 0 })[0]?.extensions.value;
    // zoek 2 × (1 + max(Persoon: naam 5 + kinderen 3 × (5 + naam 5) = 35, Adres: straat 3)) = 72 (not 2 × 39)
    expect(cost(`{ zoek(eerste: 2) { ... on Persoon { naam kinderen(first: 3) { naam } } ... on Adres { straat } } }`)).toBe(72);
    expect(cost(`{ zoek(eerste: 2) { ...P ...A } } fragment P on Persoon { naam kinderen(first: 3) { naam } } fragment A on Adres { straat }`)).toBe(72);
    // A field selected on the union itself counts for every item: 2 × (1 + 0 + max(5, 3)) = 12
    expect(cost(`{ zoek(eerste: 2) { __typename ... on Persoon { naam } ... on Adres { straat } } }`)).toBe(12);
    // The field limit still counts every selection.
    expect(check(`{ zoek(eerste: 2) { ... on Persoon { naam } ... on Adres { straat } } }`, { maxFields: 2 })[0]?.extensions).toEqual({ code: 'TOO_MANY_FIELDS', limit: 2, value: 3 });
  });

  it('costs nothing for the fields the gateway answers itself', () => {
    expect(check(`{ __schema { types { name fields { name } } } __typename }`, { maxCost: 0 })).toEqual([]);
  });
});

describe('operations', () => {
  it('checks the named operation only', () => {
    const document = `query Klein { persoon(bsn: "1") { naam } } query Groot { persoon(bsn: "1") { kinderen { kinderen { naam } } } }`;
    expect(check(document, { maxDepth: 2 }, undefined, 'Klein')).toEqual([]);
    expect(check(document, { maxDepth: 2 }, undefined, 'Groot').map((e) => e.extensions.code)).toEqual(['QUERY_TOO_DEEP']);
  });

  it('reports every limit exceeded', () => {
    const query = `{ a: persoon(bsn: "1") { kinderen { naam } } b: persoon(bsn: "2") { naam } }`;
    expect(check(query, { maxDepth: 2, maxAliases: 1, maxRootFields: 1, maxFields: 4, maxCost: 5 }).map((e) => e.extensions.code)).toEqual([
      'QUERY_TOO_DEEP',
      'TOO_MANY_ALIASES',
      'TOO_MANY_ROOT_FIELDS',
      'TOO_MANY_FIELDS',
      'QUERY_TOO_COSTLY',
    ]);
  });
});
