import { describe, expect, it } from 'vitest';
import { readClassifications } from '@doelpoort/subgraph-kit/schema';

/** Lines 1-2 of every SDL below; the fields start on line 3. */
const HEADER = `directive @classified(tier: String!, purposes: [String!]!, minimised: String) on FIELD_DEFINITION
type Query { persoon(bsn: ID!): Persoon }
`;

const MISSING =
  'has no @classified directive. Every field about a person or an address must declare its tier, the purposes it may be shared for, and (optionally) its minimised form, e.g. @classified(tier: "identifying", purposes: ["uitkeringsfraude"], minimised: "year").';

describe('readClassifications', () => {
  it('reads the classification of every classified field, in types, extensions and interfaces', () => {
    const sdl = `${HEADER}type Persoon @key(fields: "bsn") {
  bsn: ID! @classified(tier: "identifying", purposes: ["uitkeringsfraude", "huisvesting"], minimised: "masked-bsn")
  naam: String @classified(tier: "identifying", purposes: "uitkeringsfraude", minimised: null)
}
extend type Adres @key(fields: "adresId") {
  adresId: ID! @classified(tier: "low", purposes: ["huisvesting"])
  huur: Int @classified(tier: "financial", purposes: ["uitkeringsfraude"], minimised: "band")
}
interface Uitkering {
  bedrag: Int @classified(tier: "financial", purposes: ["uitkeringsfraude"], minimised: "band")
}
type Toeslag {
  soort: String
}`;
    const report = readClassifications('uwv', sdl);
    expect(report.problems).toEqual([]);
    expect([...report.classifications]).toEqual([
      ['Persoon.bsn', { tier: 'identifying', purposes: ['uitkeringsfraude', 'huisvesting'], minimised: 'masked-bsn' }],
      ['Persoon.naam', { tier: 'identifying', purposes: ['uitkeringsfraude'] }],
      ['Adres.adresId', { tier: 'low', purposes: ['huisvesting'] }],
      ['Adres.huur', { tier: 'financial', purposes: ['uitkeringsfraude'], minimised: 'band' }],
      ['Uitkering.bedrag', { tier: 'financial', purposes: ['uitkeringsfraude'], minimised: 'band' }],
    ]);
  });

  it('does not ask a subgraph to classify a field it only references with @external', () => {
    const sdl = `${HEADER}type Persoon @key(fields: "bsn") {
  bsn: ID! @classified(tier: "identifying", purposes: ["uitkeringsfraude"])
  geboortedatum: String @external
}`;
    expect(readClassifications('uwv', sdl).problems).toEqual([]);
  });

  const cases: { name: string; fields: string; knownPurposes?: string[]; problem: { coordinate: string; line: number; column: number; message: string } }[] = [
    {
      name: 'an unclassified Persoon field',
      fields: `type Persoon {
  geboortedatum: String
}`,
      problem: { coordinate: 'Persoon.geboortedatum', line: 4, column: 3, message: `brp: Persoon.geboortedatum (line 4, column 3) ${MISSING}` },
    },
    {
      name: 'an unclassified Adres field in an extend type',
      fields: `extend type Adres {
  adresId: ID! @classified(tier: "low", purposes: ["huisvesting"])
  oppervlakte: Int
}`,
      problem: { coordinate: 'Adres.oppervlakte', line: 5, column: 3, message: `brp: Adres.oppervlakte (line 5, column 3) ${MISSING}` },
    },
    {
      name: 'a bad tier',
      fields: `type Persoon {
  naam: String @classified(tier: "secret", purposes: ["uitkeringsfraude"])
}`,
      problem: {
        coordinate: 'Persoon.naam',
        line: 4,
        column: 34,
        message:
          'brp: Persoon.naam (line 4, column 34) has an unknown tier "secret". Use one of "low", "identifying", "financial", "special-category", "criminal-law".',
      },
    },
    {
      name: 'a tier that is not a string',
      fields: `type Persoon {
  naam: String @classified(tier: 2, purposes: ["uitkeringsfraude"])
}`,
      problem: {
        coordinate: 'Persoon.naam',
        line: 4,
        column: 34,
        message:
          'brp: Persoon.naam (line 4, column 34) has an unknown tier 2. Use one of "low", "identifying", "financial", "special-category", "criminal-law".',
      },
    },
    {
      name: 'a missing tier',
      fields: `type Persoon {
  naam: String @classified(purposes: ["uitkeringsfraude"])
}`,
      problem: {
        coordinate: 'Persoon.naam',
        line: 4,
        column: 16,
        message:
          'brp: Persoon.naam (line 4, column 16) has @classified without a tier. Add one of "low", "identifying", "financial", "special-category", "criminal-law", e.g. tier: "identifying".',
      },
    },
    {
      name: 'a bad minimised form',
      fields: `type Persoon {
  geboortedatum: String @classified(tier: "identifying", purposes: ["uitkeringsfraude"], minimised: "month")
}`,
      problem: {
        coordinate: 'Persoon.geboortedatum',
        line: 4,
        column: 101,
        message:
          'brp: Persoon.geboortedatum (line 4, column 101) has an unknown minimised form "month". Use one of "masked-bsn", "year", "band", "count", "exists", or leave minimised out.',
      },
    },
    {
      name: 'empty purposes',
      fields: `type Persoon {
  naam: String @classified(tier: "identifying", purposes: [])
}`,
      problem: {
        coordinate: 'Persoon.naam',
        line: 4,
        column: 59,
        message:
          'brp: Persoon.naam (line 4, column 59) has an empty purposes list. List at least one covenant purpose the field may be shared for, e.g. purposes: ["uitkeringsfraude"].',
      },
    },
    {
      name: 'missing purposes',
      fields: `type Persoon {
  naam: String @classified(tier: "identifying")
}`,
      problem: {
        coordinate: 'Persoon.naam',
        line: 4,
        column: 16,
        message:
          'brp: Persoon.naam (line 4, column 16) has @classified without purposes. List the covenant purposes the field may be shared for, e.g. purposes: ["uitkeringsfraude"].',
      },
    },
    {
      name: 'an empty purpose',
      fields: `type Persoon {
  naam: String @classified(tier: "identifying", purposes: [" "])
}`,
      problem: {
        coordinate: 'Persoon.naam',
        line: 4,
        column: 60,
        message:
          'brp: Persoon.naam (line 4, column 60) has a purpose " " that is not a purpose id. A purpose is a non-empty string, e.g. "uitkeringsfraude".',
      },
    },
    {
      name: 'a purpose listed twice',
      fields: `type Persoon {
  naam: String @classified(tier: "identifying", purposes: ["huisvesting", "huisvesting"])
}`,
      problem: {
        coordinate: 'Persoon.naam',
        line: 4,
        column: 75,
        message: 'brp: Persoon.naam (line 4, column 75) lists the purpose "huisvesting" more than once. List each purpose once.',
      },
    },
    {
      name: 'an unknown purpose',
      fields: `type Persoon {
  naam: String @classified(tier: "identifying", purposes: ["uitkeringsfraude", "nieuwsgierigheid"])
}`,
      knownPurposes: ['uitkeringsfraude', 'huisvesting'],
      problem: {
        coordinate: 'Persoon.naam',
        line: 4,
        column: 80,
        message: 'brp: Persoon.naam (line 4, column 80) has an unknown purpose "nieuwsgierigheid". Known purposes: "uitkeringsfraude", "huisvesting".',
      },
    },
    {
      name: 'an unknown argument',
      fields: `type Persoon {
  naam: String @classified(tier: "identifying", purposes: ["huisvesting"], doel: "x")
}`,
      problem: {
        coordinate: 'Persoon.naam',
        line: 4,
        column: 76,
        message: 'brp: Persoon.naam (line 4, column 76) has @classified with an unknown argument "doel". Its arguments are tier, purposes and minimised.',
      },
    },
    {
      name: '@classified twice on one field',
      fields: `type Persoon {
  naam: String @classified(tier: "identifying", purposes: ["huisvesting"]) @classified(tier: "identifying", purposes: ["uitkeringsfraude"])
}`,
      problem: {
        coordinate: 'Persoon.naam',
        line: 4,
        column: 76,
        message: 'brp: Persoon.naam (line 4, column 76) has @classified more than once. Declare it once, with all its purposes in one list.',
      },
    },
    {
      name: '@classified on a type instead of its fields',
      fields: `type Toeslag @classified(tier: "financial", purposes: ["uitkeringsfraude"]) {
  bedrag: Int
}`,
      problem: {
        coordinate: '',
        line: 3,
        column: 14,
        message: 'brp (line 3, column 14): @classified is only allowed on the fields of an object type or interface, where it classifies that field.',
      },
    },
  ];

  it.each(cases)('reports $name', ({ fields, knownPurposes, problem }) => {
    const report = readClassifications('brp', `${HEADER}${fields}`, knownPurposes === undefined ? {} : { knownPurposes });
    expect(report.problems).toEqual([{ subgraph: 'brp', ...problem }]);
  });

  it('leaves a wrongly classified field out of the classifications', () => {
    const report = readClassifications('brp', `${HEADER}type Persoon {
  naam: String @classified(tier: "secret", purposes: ["uitkeringsfraude"])
  bsn: ID! @classified(tier: "identifying", purposes: ["uitkeringsfraude"])
}`);
    expect([...report.classifications.keys()]).toEqual(['Persoon.bsn']);
  });

  it('reports a syntax error with its line and column', () => {
    const report = readClassifications('uwv', `${HEADER}type Persoon {
  naam String
}`);
    expect(report.classifications.size).toBe(0);
    expect(report.problems).toEqual([
      { subgraph: 'uwv', coordinate: '', line: 4, column: 8, message: 'uwv (line 4, column 8): syntax error: Expected ":", found Name "String".' },
    ]);
  });

  it('reports every problem of a file, in the order they appear', () => {
    const report = readClassifications('brp', `${HEADER}type Persoon {
  naam: String @classified(tier: "secret", purposes: [])
  geboortedatum: String
}`);
    expect(report.problems.map(({ line, column }) => [line, column])).toEqual([
      [4, 34],
      [4, 54],
      [5, 3],
    ]);
  });
});
