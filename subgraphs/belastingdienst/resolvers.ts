import type { Resolvers } from '@doelpoort/subgraph-kit/subgraph';
import { signalenOf } from '../shared/signalen.ts';
import { entityReferences } from '../shared/world.ts';
import type { PersoonRef, WorldIndex } from '../shared/world.ts';

// Records are returned as the world holds them: GraphQL serves only the fields the schema declares.
export function belastingdienstResolvers(index: WorldIndex): Resolvers {
  return {
    Persoon: {
      ...entityReferences.Persoon,
      toeslagen: (ref: PersoonRef) => index.byBsn.toeslagen.get(ref.bsn) ?? [],
      inkomens: (ref: PersoonRef) => index.byBsn.inkomens.get(ref.bsn) ?? [],
    },
    Adres: {
      ...entityReferences.Adres,
      belastingdienstSignalen: signalenOf(index, 'belastingdienst'),
    },
  };
}
