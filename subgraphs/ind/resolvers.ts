import type { Resolvers } from '@doelpoort/subgraph-kit/subgraph';
import { signalenOf } from '../shared/signalen.ts';
import { entityReferences } from '../shared/world.ts';
import type { PersoonRef, WorldIndex } from '../shared/world.ts';

export function indResolvers(index: WorldIndex): Resolvers {
  return {
    Persoon: {
      ...entityReferences.Persoon,
      // The aliens administration holds one status per person.
      verblijfsstatus: (ref: PersoonRef) => {
        const status = index.byBsn.verblijfsstatussen.get(ref.bsn)?.[0];
        return status === undefined ? null : { soort: status.soort, geldigTot: status.geldigTot };
      },
    },
    Adres: {
      ...entityReferences.Adres,
      indSignalen: signalenOf(index, 'ind'),
    },
  };
}
