import type { PolitieRegistratie } from '../world/index.ts';
import type { Resolvers } from '@doelpoort/subgraph-kit/subgraph';
import { signalenOf } from '../shared/signalen.ts';
import { entityReferences } from '../shared/world.ts';
import type { AdresRef, PersoonRef, WorldIndex } from '../shared/world.ts';

export function politieResolvers(index: WorldIndex): Resolvers {
  return {
    Persoon: {
      ...entityReferences.Persoon,
      politieRegistraties: (ref: PersoonRef) => oldestFirst(index.byBsn.politieRegistraties.get(ref.bsn)),
    },
    Adres: {
      ...entityReferences.Adres,
      politieRegistraties: (ref: AdresRef) => oldestFirst(index.byAdres.politieRegistraties.get(ref.adresId)),
      politieSignalen: signalenOf(index, 'politie'),
    },
  };
}

function oldestFirst(registraties: readonly PolitieRegistratie[] | undefined): PolitieRegistratie[] {
  return [...(registraties ?? [])].sort((a, b) => a.datum.localeCompare(b.datum) || a.id.localeCompare(b.id));
}
