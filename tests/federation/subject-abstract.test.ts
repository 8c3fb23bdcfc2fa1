/**
 * Persons reached at an interface a person implements or a union a person belongs to, on the
 * query planner's plan (plan-compile.ts, plan-abstract.ts): the fetch asks a person's key only, the
 * policy decides on its fields before any partner is asked for them, and the plan's steps for the
 * other types at that place run as planned. And a @requires that reads persons through another type
 * (plan-unsent.ts): that fetch is never made, the rest of the query is answered.
 */
import { describe, expect, it } from 'vitest';
import type { Classification } from '../../schema/classification.ts';
import type { Decision, Policy } from '../../gateway/policy/types.ts';
import { FED, createTestGateway, queriesOf, recordingPolicy } from '../helpers/federation.ts';

const ANNA = '999990007';
const BRAM = '999990019';
const identifying: Classification = { tier: 'identifying', purposes: ['uitkeringsfraude'] };
const subjectTypes = { Persoon: { kind: 'person' as const, idField: 'bsn', registry: 'brp' } };
const resolveType = { __resolveType: (o: { __typename: string }) => o.__typename };

/** Denies Persoon.geboortedatum for Bram, allows the rest; `asked()`: the questions, per owner. */
function denyingBram(): { policy: Policy; asked: () => { owner: string; fields: string[]; subjects: string[] }[] } {
  const { policy, questions } = recordingPolicy((coordinate, subjectId): Decision =>
    coordinate === 'Persoon.geboortedatum' && subjectId === BRAM
      ? { outcome: 'deny', principle: 'proportionaliteit', rule: 'test.deny', reason: 'not needed for this purpose' }
      : { outcome: 'allow', rule: 'test.allow' },
  );
  const asked = () =>
    questions
      .map((q) => ({ owner: q.owner, fields: q.fields.map((f) => f.coordinate), subjects: q.entities.map((e) => e.subjectId) }))
      .sort((a, b) => a.owner.localeCompare(b.owner));
  return { policy, asked };
}

const brp = {
  name: 'brp',
  typeDefs: `${FED} type Persoon @key(fields: "bsn") { bsn: ID! geboortedatum: String }`,
  resolvers: { Persoon: { __resolveReference: (r: { bsn: string }) => ({ bsn: r.bsn, geboortedatum: r.bsn === ANNA ? '1991-04-02' : '1985-11-30' }) } },
};
const kvk = {
  name: 'kvk',
  typeDefs: `${FED} type Bedrijf @key(fields: "kvk") { kvk: ID! vestigingen: Int }`,
  resolvers: { Bedrijf: { __resolveReference: (r: { kvk: string }) => ({ kvk: r.kvk, vestigingen: 3 }) } },
};

describe('persons at an interface or a union', () => {
  it('fetches the other implementation’s fields in the same plan, and decides on a person’s before any partner is asked for them', async () => {
    const { policy, asked } = denyingBram();
    const kadaster = {
      name: 'kadaster',
      typeDefs: `${FED} type Query { percelen: [Perceel!]! } type Perceel @key(fields: "id") { id: ID! eigenaar: Eigenaar }
        interface Eigenaar { naam: String }
        type Persoon implements Eigenaar @key(fields: "bsn") { bsn: ID! naam: String }
        type Bedrijf implements Eigenaar @key(fields: "kvk") { kvk: ID! naam: String }`,
      resolvers: {
        Query: {
          percelen: () => [
            { id: 'k1', eigenaar: { __typename: 'Persoon', bsn: ANNA, naam: 'Anna de Vries' } },
            { id: 'k2', eigenaar: { __typename: 'Bedrijf', kvk: '12345678', naam: 'Bouwbedrijf Klinker' } },
            { id: 'k3', eigenaar: { __typename: 'Persoon', bsn: BRAM, naam: 'Bram Jansen' } },
          ],
        },
        Eigenaar: resolveType,
        Persoon: { __resolveReference: (r: { bsn: string }) => ({ bsn: r.bsn, naam: r.bsn === ANNA ? 'Anna de Vries' : 'Bram Jansen' }) },
      },
    };
    const gw = createTestGateway([kadaster, brp, kvk], {
      classifications: new Map([
        ['kadaster:Persoon.bsn', identifying],
        ['kadaster:Persoon.naam', identifying],
        ['brp:Persoon.bsn', identifying],
        ['brp:Persoon.geboortedatum', identifying],
      ]),
      subjectTypes,
      policy,
    });
    const out = await gw.run(`{ percelen { id eigenaar { naam ... on Persoon { geboortedatum } ... on Bedrijf { vestigingen } } } }`);
    expect(out.result.data).toEqual({
      percelen: [
        { id: 'k1', eigenaar: { naam: 'Anna de Vries', geboortedatum: '1991-04-02' } },
        { id: 'k2', eigenaar: { naam: 'Bouwbedrijf Klinker', vestigingen: 3 } },
        { id: 'k3', eigenaar: { naam: 'Bram Jansen', geboortedatum: null } },
      ],
    });
    expect(out.result.errors?.map((e) => [e.path, e.extensions?.['code']])).toEqual([[['percelen', 2, 'eigenaar', 'geboortedatum'], 'FIELD_DENIED']]);
    // The persons' keys only; the company's name with the plan's first call, its branches from kvk in the same plan.
    expect(queriesOf(gw, 'kadaster')).toEqual([
      '{ percelen { id eigenaar { __typename ... on Persoon { __typename _dp_bsn: bsn } ... on Bedrijf { __typename naam _dp_kvk: kvk } } } }',
      'query ($r0: [_Any!]!) { e0: _entities(representations: $r0) { ... on Persoon { __typename naam } } }',
    ]);
    expect(gw.calls.get('kadaster')![1]!.variables).toEqual({
      r0: [
        { __typename: 'Persoon', bsn: ANNA },
        { __typename: 'Persoon', bsn: BRAM },
      ],
    });
    expect(gw.calls.get('kvk')!.map((c) => c.variables)).toEqual([{ r0: [{ __typename: 'Bedrijf', kvk: '12345678' }] }]);
    expect(queriesOf(gw, 'kvk')).toEqual(['query ($r0: [_Any!]!) { e0: _entities(representations: $r0) { ... on Bedrijf { __typename vestigingen } } }']);
    // The birth date is asked for Anna alone: the policy denied Bram's.
    expect(gw.calls.get('brp')!.map((c) => c.variables)).toEqual([{ r0: [{ __typename: 'Persoon', bsn: ANNA }] }]);
    expect(asked()).toEqual([
      { owner: 'brp', fields: ['Persoon.geboortedatum'], subjects: [ANNA, BRAM] },
      { owner: 'kadaster', fields: ['Persoon.naam'], subjects: [ANNA, BRAM] },
    ]);
  });

  it('decides on the persons of a union and on the persons below its other member, each with the client’s selection for them', async () => {
    const { policy, asked } = denyingBram();
    const zaken = {
      name: 'zaken',
      typeDefs: `${FED} type Query { zaak: Zaak } type Zaak @key(fields: "ref") { ref: ID! betrokkenen: [Betrokkene!]! }
        union Betrokkene = Persoon | Bedrijf
        type Persoon @key(fields: "bsn") { bsn: ID! }
        type Bedrijf @key(fields: "kvk") { kvk: ID! naam: String directeur: Persoon }`,
      resolvers: {
        Query: {
          zaak: () => ({
            ref: 'Z1',
            betrokkenen: [
              { __typename: 'Persoon', bsn: ANNA },
              { __typename: 'Bedrijf', kvk: '12345678', naam: 'Bouwbedrijf Klinker', directeur: { bsn: BRAM } },
            ],
          }),
        },
        Betrokkene: resolveType,
      },
    };
    const gw = createTestGateway([zaken, brp, kvk], {
      classifications: new Map([
        ['brp:Persoon.bsn', identifying],
        ['brp:Persoon.geboortedatum', identifying],
      ]),
      subjectTypes,
      policy,
    });
    const out = await gw.run(
      `{ zaak { betrokkenen { __typename ... on Persoon { geboortedatum } ... on Bedrijf { naam vestigingen directeur { bsn geboortedatum } } } } }`,
    );
    expect(out.result.data).toEqual({
      zaak: {
        betrokkenen: [
          { __typename: 'Persoon', geboortedatum: '1991-04-02' },
          { __typename: 'Bedrijf', naam: 'Bouwbedrijf Klinker', vestigingen: 3, directeur: { bsn: BRAM, geboortedatum: null } },
        ],
      },
    });
    expect(out.result.errors?.map((e) => [e.path, e.extensions?.['code']])).toEqual([[['zaak', 'betrokkenen', 1, 'directeur', 'geboortedatum'], 'FIELD_DENIED']]);
    expect(queriesOf(gw, 'zaken')).toEqual([
      '{ zaak { betrokkenen { __typename ... on Persoon { __typename _dp_bsn: bsn } ... on Bedrijf { __typename naam _dp_kvk: kvk directeur { __typename _dp_bsn: bsn } } } } }',
    ]);
    expect(gw.calls.get('kvk')!.map((c) => c.variables)).toEqual([{ r0: [{ __typename: 'Bedrijf', kvk: '12345678' }] }]);
    expect(gw.calls.get('brp')!.map((c) => c.variables)).toEqual([{ r0: [{ __typename: 'Persoon', bsn: ANNA }] }]);
    expect(asked()).toEqual([{ owner: 'brp', fields: ['Persoon.geboortedatum', 'Persoon.bsn'], subjects: [ANNA, BRAM] }]);
  });

  it('decides on the persons a person’s own plan reaches at a union, in the next round', async () => {
    const { policy, asked } = denyingBram();
    const relaties = {
      name: 'relaties',
      typeDefs: `${FED} type Query { persoon(bsn: ID!): Persoon } union Contact = Persoon | Bedrijf
        type Persoon @key(fields: "bsn") { bsn: ID! contacten: [Contact!]! }
        type Bedrijf @key(fields: "kvk") { kvk: ID! }`,
      resolvers: {
        Query: { persoon: (_: unknown, a: { bsn: string }) => ({ bsn: a.bsn }) },
        Contact: resolveType,
        Persoon: {
          __resolveReference: (r: { bsn: string }) => ({ bsn: r.bsn }),
          contacten: (p: { bsn: string }) => (p.bsn === ANNA ? [{ __typename: 'Persoon', bsn: BRAM }, { __typename: 'Bedrijf', kvk: '12345678' }] : []),
        },
      },
    };
    const gw = createTestGateway([relaties, brp, kvk], {
      classifications: new Map([
        ['relaties:Persoon.contacten', identifying],
        ['brp:Persoon.bsn', identifying],
        ['brp:Persoon.geboortedatum', identifying],
      ]),
      subjectTypes,
      policy,
    });
    const out = await gw.run(
      `{ persoon(bsn: "${ANNA}") { geboortedatum contacten { ... on Persoon { bsn geboortedatum } ... on Bedrijf { vestigingen } } } }`,
    );
    expect(out.result.data).toEqual({
      persoon: { geboortedatum: '1991-04-02', contacten: [{ bsn: BRAM, geboortedatum: null }, { vestigingen: 3 }] },
    });
    expect(out.result.errors?.map((e) => [e.path, e.extensions?.['code']])).toEqual([[['persoon', 'contacten', 0, 'geboortedatum'], 'FIELD_DENIED']]);
    expect(queriesOf(gw, 'relaties')).toEqual([
      `{ persoon(bsn: "${ANNA}") { __typename _dp_bsn: bsn } }`,
      'query ($r0: [_Any!]!) { e0: _entities(representations: $r0) { ... on Persoon { __typename contacten { __typename ... on Persoon { __typename _dp_bsn: bsn } ... on Bedrijf { __typename _dp_kvk: kvk } } } } }',
    ]);
    expect(gw.calls.get('kvk')!.map((c) => c.variables)).toEqual([{ r0: [{ __typename: 'Bedrijf', kvk: '12345678' }] }]);
    // Anna's birth date in the first round; Bram, reached as her contact, is decided on in the next.
    expect(gw.calls.get('brp')!.map((c) => c.variables)).toEqual([{ r0: [{ __typename: 'Persoon', bsn: ANNA }] }]);
    expect(asked()).toEqual([
      { owner: 'brp', fields: ['Persoon.geboortedatum'], subjects: [ANNA] },
      { owner: 'brp', fields: ['Persoon.bsn', 'Persoon.geboortedatum'], subjects: [BRAM] },
      { owner: 'relaties', fields: ['Persoon.contacten'], subjects: [ANNA] },
    ]);
  });
});

describe('a @requires that reads persons through another type', () => {
  it('is never sent, and the rest of the query is answered: the persons the client selects decided and fetched, the other fields as planned', async () => {
    const { policy, asked } = denyingBram();
    const gw = createTestGateway(
      [
        {
          name: 'zaken',
          typeDefs: `${FED} type Query { zaak: Zaak } type Zaak @key(fields: "id") { id: ID! status: String bewoners: [Persoon!]! } type Persoon @key(fields: "bsn") { bsn: ID! }`,
          resolvers: { Query: { zaak: () => ({ id: 'z1', status: 'open', bewoners: [{ bsn: ANNA }, { bsn: BRAM }] }) } },
        },
        brp,
        {
          name: 'rapportage',
          typeDefs: `${FED} type Zaak @key(fields: "id") { id: ID! bewoners: [Persoon!]! @external samenvatting: String @requires(fields: "bewoners { geboortedatum }") prioriteit: Int }
            type Persoon @key(fields: "bsn") { bsn: ID! geboortedatum: String @external }`,
          resolvers: { Zaak: { __resolveReference: (r: { id: string }) => ({ id: r.id, prioriteit: 2 }), samenvatting: () => 'guessed' } },
        },
      ],
      { classifications: new Map([['brp:Persoon.bsn', identifying], ['brp:Persoon.geboortedatum', identifying]]), subjectTypes, policy },
    );
    const out = await gw.run(`{ zaak { status samenvatting prioriteit bewoners { geboortedatum } } }`);
    expect(out.result.data).toEqual({
      zaak: { status: 'open', samenvatting: null, prioriteit: 2, bewoners: [{ geboortedatum: '1991-04-02' }, { geboortedatum: null }] },
    });
    expect(out.result.errors?.map((e) => ({ path: e.path, extensions: e.extensions }))).toEqual([
      { path: ['zaak', 'samenvatting'], extensions: { code: 'FIELD_UNRESOLVABLE', coordinate: 'Zaak.samenvatting' } },
      {
        path: ['zaak', 'bewoners', 1, 'geboortedatum'],
        extensions: expect.objectContaining({ code: 'FIELD_DENIED', coordinate: 'Persoon.geboortedatum' }),
      },
    ]);
    expect(queriesOf(gw, 'zaken')).toEqual(['{ zaak { __typename status _dp_id: id bewoners { __typename _dp_bsn: bsn } } }']);
    // The partner is asked what it can give without the persons' birth dates, never sent one.
    expect(queriesOf(gw, 'rapportage')).toEqual(['query ($r0: [_Any!]!) { e0: _entities(representations: $r0) { ... on Zaak { __typename prioriteit } } }']);
    expect(gw.calls.get('rapportage')!.map((c) => c.variables)).toEqual([{ r0: [{ __typename: 'Zaak', id: 'z1' }] }]);
    expect(gw.calls.get('brp')!.map((c) => c.variables)).toEqual([{ r0: [{ __typename: 'Persoon', bsn: ANNA }] }]);
    expect(asked()).toEqual([{ owner: 'brp', fields: ['Persoon.geboortedatum'], subjects: [ANNA, BRAM] }]);
  });

  it('sends a field of the same fetch the rest of the requirement, without the persons in it', async () => {
    const gw = createTestGateway(
      [
        {
          name: 'zaken',
          typeDefs: `${FED} type Query { zaak: Zaak } type Zaak @key(fields: "id") { id: ID! dossier: Dossier }
            type Dossier @shareable { status: String bewoners: [Persoon!]! } type Persoon @key(fields: "bsn") { bsn: ID! naam: String }`,
          resolvers: { Query: { zaak: () => ({ id: 'z1', dossier: { status: 'open', bewoners: [{ bsn: ANNA, naam: 'Anna de Vries' }] } }) } },
        },
        {
          name: 'rapportage',
          typeDefs: `${FED} type Zaak @key(fields: "id") { id: ID! dossier: Dossier @external
              termijn: String @requires(fields: "dossier { status }") samenvatting: String @requires(fields: "dossier { status bewoners { naam } }") }
            type Dossier @shareable { status: String @external bewoners: [Persoon!]! @external } type Persoon @key(fields: "bsn") { bsn: ID! naam: String @external }`,
          resolvers: {
            Zaak: {
              termijn: (z: { dossier?: { status?: string } }) => `termijn bij ${z.dossier?.status ?? 'onbekend'}`,
              samenvatting: (z: { dossier?: { bewoners?: { naam: string }[] } }) => z.dossier?.bewoners?.map((b) => b.naam).join(', ') ?? 'guessed',
            },
          },
        },
      ],
      { subjectTypes },
    );
    const out = await gw.run(`{ zaak { termijn samenvatting } }`);
    expect(out.result.data).toEqual({ zaak: { termijn: 'termijn bij open', samenvatting: null } });
    expect(out.result.errors?.map((e) => ({ path: e.path, extensions: e.extensions }))).toEqual([
      { path: ['zaak', 'samenvatting'], extensions: { code: 'FIELD_UNRESOLVABLE', coordinate: 'Zaak.samenvatting' } },
    ]);
    // The residents are not fetched at all: only the unsent field would have read them.
    expect(queriesOf(gw, 'zaken')).toEqual(['{ zaak { __typename _dp_id: id _dp_dossier: dossier { _dp_status: status } } }']);
    expect(queriesOf(gw, 'rapportage')).toEqual(['query ($r0: [_Any!]!) { e0: _entities(representations: $r0) { ... on Zaak { __typename termijn } } }']);
    expect(gw.calls.get('rapportage')!.map((c) => c.variables)).toEqual([{ r0: [{ __typename: 'Zaak', id: 'z1', dossier: { status: 'open' } }] }]);
  });
});
