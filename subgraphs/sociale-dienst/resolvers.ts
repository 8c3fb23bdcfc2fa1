import type { Resolvers } from '@doelpoort/subgraph-kit/subgraph';
import { signalenOf } from '../shared/signalen.ts';
import { entityReferences, latest } from '../shared/world.ts';
import type { AdresRef, PersoonRef, WorldIndex } from '../shared/world.ts';

// Records are returned as the world holds them: GraphQL serves only the fields the schema declares.
export function socialeDienstResolvers(index: WorldIndex): Resolvers {
  return {
    Persoon: {
      ...entityReferences.Persoon,
      bijstand: (ref: PersoonRef) => index.byBsn.bijstand.get(ref.bsn) ?? [],
      risicoscore: (ref: PersoonRef) => latest(index.byBsn.risicoscores.get(ref.bsn), (score) => score.berekendOp),
    },
    Adres: {
      ...entityReferences.Adres,
      burgermeldingen: (ref: AdresRef) => index.byAdres.burgermeldingen.get(ref.adresId) ?? [],
      socialeDienstSignalen: signalenOf(index, 'sociale-dienst'),
    },
  };
}
