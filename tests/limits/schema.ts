import { buildSchema } from 'graphql';

/** A small schema in the partners' vocabulary: persons, addresses, a list, a paged list. */
export const schema = buildSchema(`
  type Query {
    persoon(bsn: ID!): Persoon
    adres(adresId: ID!): Adres
    zoekPersonen(eerste: Int): [Persoon!]!
    projectAdressen(eerste: Int = 50): Pagina!
    zoek(eerste: Int): [Treffer!]!
  }
  union Treffer = Persoon | Adres
  type Mutation { selecteerAdres(adresId: ID!): Adres }
  type Pagina { items: [Adres!]! volgende: String }
  type Persoon { bsn: ID naam: String adres: Adres kinderen(first: Int): [Persoon!]! }
  type Adres { adresId: ID straat: String bewoners: [Persoon!]! }
`);
