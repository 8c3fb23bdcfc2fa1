import type { Kinderbijslag, Leefsituatie } from '../world/index.ts';
import type { Resolvers } from '@doelpoort/subgraph-kit/subgraph';
import { signalenOf } from '../shared/signalen.ts';
import { entityReferences, latest, persoonRef } from '../shared/world.ts';
import type { PersoonRef, WorldIndex } from '../shared/world.ts';

export function svbResolvers(index: WorldIndex): Resolvers {
  return {
    Persoon: {
      ...entityReferences.Persoon,
      aow: (ref: PersoonRef) => latest(index.byBsn.aow.get(ref.bsn), (aow) => aow.ingangsdatum),
      kinderbijslag: (ref: PersoonRef) => (index.byBsn.kinderbijslag.get(ref.bsn) ?? []).map(kinderbijslagView),
      leefsituatie: (ref: PersoonRef) => {
        const vastgesteld = latest(index.byBsn.leefsituaties.get(ref.bsn), (l) => l.vastgesteldOp);
        return vastgesteld === null ? null : leefsituatieView(vastgesteld);
      },
    },
    Adres: {
      ...entityReferences.Adres,
      svbSignalen: signalenOf(index, 'svb'),
    },
  };
}

function kinderbijslagView(record: Kinderbijslag) {
  return { kind: persoonRef(record.kindBsn), kwartaalbedrag: record.kwartaalbedrag };
}

function leefsituatieView(record: Leefsituatie) {
  return {
    samenwonend: record.samenwonend,
    partner: record.partnerBsn === null ? null : persoonRef(record.partnerBsn),
    vastgesteldOp: record.vastgesteldOp,
  };
}
