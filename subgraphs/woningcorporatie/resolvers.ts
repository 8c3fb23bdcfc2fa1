import type { CorporatieMelding } from '../world/index.ts';
import type { Resolvers } from '@doelpoort/subgraph-kit/subgraph';
import { signalenOf } from '../shared/signalen.ts';
import { entityReferences, latest, persoonRef } from '../shared/world.ts';
import type { AdresRef, WorldIndex } from '../shared/world.ts';

export function woningcorporatieResolvers(index: WorldIndex): Resolvers {
  return {
    Adres: {
      ...entityReferences.Adres,
      huurcontract: (ref: AdresRef) => {
        const contract = latest(index.byAdres.huurcontracten.get(ref.adresId), (c) => c.ingangsdatum);
        return contract === null
          ? null
          : { corporatie: contract.corporatie, huurder: persoonRef(contract.huurderBsn), ingangsdatum: contract.ingangsdatum, kaleHuurPerMaand: contract.kaleHuurPerMaand };
      },
      corporatieMeldingen: (ref: AdresRef) => oldestFirst(index.byAdres.corporatieMeldingen.get(ref.adresId)),
      woningcorporatieSignalen: signalenOf(index, 'woningcorporatie'),
    },
    Persoon: entityReferences.Persoon,
  };
}

function oldestFirst(meldingen: readonly CorporatieMelding[] | undefined): CorporatieMelding[] {
  return [...(meldingen ?? [])].sort((a, b) => a.datum.localeCompare(b.datum) || a.id.localeCompare(b.id));
}
