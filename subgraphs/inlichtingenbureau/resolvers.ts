import type { IbSignaal } from '../world/index.ts';
import type { Resolvers } from '@doelpoort/subgraph-kit/subgraph';
import { signalenOf } from '../shared/signalen.ts';
import { entityReferences } from '../shared/world.ts';
import type { PersoonRef, WorldIndex } from '../shared/world.ts';

export function inlichtingenbureauResolvers(index: WorldIndex): Resolvers {
  return {
    Persoon: {
      ...entityReferences.Persoon,
      ibSignalen: (ref: PersoonRef) => oldestFirst(index.byBsn.ibSignalen.get(ref.bsn)),
    },
    Adres: {
      ...entityReferences.Adres,
      inlichtingenbureauSignalen: signalenOf(index, 'inlichtingenbureau'),
    },
  };
}

function oldestFirst(signalen: readonly IbSignaal[] | undefined): IbSignaal[] {
  return [...(signalen ?? [])].sort((a, b) => a.datum.localeCompare(b.datum) || a.id.localeCompare(b.id));
}
