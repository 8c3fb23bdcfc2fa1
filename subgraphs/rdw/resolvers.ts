import type { Voertuig } from '../world/index.ts';
import type { Resolvers } from '@doelpoort/subgraph-kit/subgraph';
import { signalenOf } from '../shared/signalen.ts';
import { entityReferences } from '../shared/world.ts';
import type { PersoonRef, WorldIndex } from '../shared/world.ts';

export function rdwResolvers(index: WorldIndex): Resolvers {
  return {
    Persoon: {
      ...entityReferences.Persoon,
      voertuigen: (ref: PersoonRef) => oldestFirst(index.byBsn.voertuigen.get(ref.bsn)),
    },
    Adres: {
      ...entityReferences.Adres,
      rdwSignalen: signalenOf(index, 'rdw'),
    },
  };
}

function oldestFirst(voertuigen: readonly Voertuig[] | undefined): Voertuig[] {
  return [...(voertuigen ?? [])].sort((a, b) => a.datumTenaamstelling.localeCompare(b.datumTenaamstelling) || a.kenteken.localeCompare(b.kenteken));
}
