import type { Resolvers } from '@doelpoort/subgraph-kit/subgraph';
import { signalenOf } from '../shared/signalen.ts';
import { entityReferences } from '../shared/world.ts';
import type { PersoonRef, WorldIndex } from '../shared/world.ts';

// Records are returned as the world holds them: GraphQL serves only the fields the schema declares.
export function uwvResolvers(index: WorldIndex): Resolvers {
  return {
    Persoon: {
      ...entityReferences.Persoon,
      dienstverbanden: (ref: PersoonRef) => index.byBsn.dienstverbanden.get(ref.bsn) ?? [],
      uwvUitkeringen: (ref: PersoonRef) => index.byBsn.uwvUitkeringen.get(ref.bsn) ?? [],
    },
    Adres: {
      ...entityReferences.Adres,
      uwvSignalen: signalenOf(index, 'uwv'),
    },
  };
}
