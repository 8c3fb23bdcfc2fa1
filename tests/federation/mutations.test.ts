import { describe, expect, it } from 'vitest';
import { FED, createTestGateway, queriesOf } from '../helpers/federation.ts';

function world() {
  const log: string[] = [];
  const cases = new Map<string, { ref: string; status: string }>([['A', { ref: 'A', status: 'open' }]]);
  const notes: { id: string; text: string; caseRef: string }[] = [];
  const gw = createTestGateway([
    {
      name: 'cases',
      typeDefs: `${FED} type Query { case(ref: ID!): Case }
        type Mutation { openCase(ref: ID!): Case! closeCase(ref: ID!): Case! }
        type Case @key(fields: "ref") { ref: ID! status: String! }`,
      resolvers: {
        Query: { case: (_: unknown, a: { ref: string }) => cases.get(a.ref) ?? null },
        Mutation: {
          openCase: (_: unknown, a: { ref: string }) => {
            log.push(`cases.openCase(${a.ref})`);
            cases.set(a.ref, { ref: a.ref, status: 'open' });
            return { ...cases.get(a.ref) };
          },
          closeCase: (_: unknown, a: { ref: string }) => {
            log.push(`cases.closeCase(${a.ref})`);
            cases.get(a.ref)!.status = 'closed';
            return { ...cases.get(a.ref) };
          },
        },
        Case: {
          __resolveReference: (r: { ref: string }) => {
            log.push(`cases.Case(${r.ref})`);
            return { ...cases.get(r.ref) };
          },
        },
      },
    },
    {
      name: 'notes',
      typeDefs: `${FED} type Mutation { addNote(caseRef: ID!, text: String!): Note! }
        type Note { id: ID! text: String! case: Case! }
        type Case @key(fields: "ref") { ref: ID! notes: [Note!]! }`,
      resolvers: {
        Mutation: {
          addNote: (_: unknown, a: { caseRef: string; text: string }) => {
            log.push(`notes.addNote(${a.caseRef})`);
            const note = { id: `n${notes.length + 1}`, text: a.text, caseRef: a.caseRef };
            notes.push(note);
            return note;
          },
        },
        Note: { case: (n: { caseRef: string }) => ({ ref: n.caseRef }) },
        Case: { notes: (c: { ref: string }) => notes.filter((n) => n.caseRef === c.ref) },
      },
    },
  ]);
  return { gw, log };
}

describe('mutations', () => {
  it('runs the mutation fields one after another in document order, across subgraphs', async () => {
    const { gw, log } = world();
    const out = await gw.run(`mutation { first: openCase(ref: "B") { status } note: addNote(caseRef: "B", text: "adres bezocht") { id } second: openCase(ref: "C") { ref } closed: closeCase(ref: "B") { status } }`);
    expect(out.result).toEqual({ data: { first: { status: 'open' }, note: { id: 'n1' }, second: { ref: 'C' }, closed: { status: 'closed' } } });
    expect(log).toEqual(['cases.openCase(B)', 'notes.addNote(B)', 'cases.openCase(C)', 'cases.closeCase(B)']);
    expect(queriesOf(gw, 'cases')).toEqual([
      'mutation { first: openCase(ref: "B") { status } }',
      'mutation { second: openCase(ref: "C") { ref } closed: closeCase(ref: "B") { status } }',
    ]);
    expect(queriesOf(gw, 'notes')).toEqual(['mutation { note: addNote(caseRef: "B", text: "adres bezocht") { id } }']);
  });

  it('fetches entity fields of a mutation’s result afterwards, with a query', async () => {
    const { gw, log } = world();
    const out = await gw.run(`mutation ($text: String!) { addNote(caseRef: "A", text: $text) { text case { ref status notes { id } } } }`, { text: 'signaal bevestigd' });
    expect(out.result).toEqual({ data: { addNote: { text: 'signaal bevestigd', case: { ref: 'A', status: 'open', notes: [{ id: 'n1' }] } } } });
    expect(log).toEqual(['notes.addNote(A)', 'cases.Case(A)']);
    expect(queriesOf(gw, 'notes')).toEqual([
      'mutation ($text: String!) { addNote(caseRef: "A", text: $text) { text case { __typename ref notes { id } } } }',
    ]);
    expect(queriesOf(gw, 'cases')).toEqual([
      'query ($r0: [_Any!]!) { e0: _entities(representations: $r0) { ... on Case { __typename status } } }',
    ]);
  });
  it('completes a mutation field, its entity fields included, before the next mutation field runs', async () => {
    const log: string[] = [];
    const cases = new Map([['A', { ref: 'A', status: 'open' }]]);
    const gw = createTestGateway([
      {
        name: 'cases',
        typeDefs: `${FED} type Query { case(ref: ID!): Case } type Mutation { closeCase(ref: ID!): Case! } type Case @key(fields: "ref") { ref: ID! status: String! }`,
        resolvers: {
          Query: { case: (_: unknown, a: { ref: string }) => cases.get(a.ref) ?? null },
          Mutation: {
            closeCase: (_: unknown, a: { ref: string }) => {
              log.push(`closeCase(${a.ref})`);
              cases.get(a.ref)!.status = 'closed';
              return { ...cases.get(a.ref) };
            },
          },
          Case: {
            __resolveReference: (r: { ref: string }) => {
              log.push(`Case(${r.ref})`);
              return { ...cases.get(r.ref) };
            },
          },
        },
      },
      {
        name: 'notes',
        typeDefs: `${FED} type Mutation { addNote(caseRef: ID!, text: String!): Note! } type Note { id: ID! case: Case! } type Case @key(fields: "ref") { ref: ID! }`,
        resolvers: {
          Mutation: {
            addNote: (_: unknown, a: { caseRef: string }) => {
              log.push(`addNote(${a.caseRef})`);
              return { id: 'n1', case: { ref: a.caseRef } };
            },
          },
        },
      },
    ]);
    const out = await gw.run(`mutation { addNote(caseRef: "A", text: "huisbezoek gepland") { case { status } } closeCase(ref: "A") { status } }`);
    expect(out.result).toEqual({ data: { addNote: { case: { status: 'open' } }, closeCase: { status: 'closed' } } });
    expect(log).toEqual(['addNote(A)', 'Case(A)', 'closeCase(A)']);
  });
});
