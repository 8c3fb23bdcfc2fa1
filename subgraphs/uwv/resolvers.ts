import type { Resolvers } from '../kit/build.ts';
import { signalenOf } from '../kit/signalen.ts';
import { entityReferences } from '../kit/world.ts';
import type { PersoonRef, WorldIndex } from '../kit/world.ts';

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
