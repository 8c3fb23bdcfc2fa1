import type { Zorgtraject } from '../world/index.ts';
import type { Resolvers } from '@doelpoort/subgraph-kit/subgraph';
import { entityReferences } from '../shared/world.ts';
import type { PersoonRef, WorldIndex } from '../shared/world.ts';

export function wijkteamResolvers(index: WorldIndex): Resolvers {
  const zorgtrajecten = (ref: PersoonRef): readonly Zorgtraject[] => index.byBsn.zorgtrajecten.get(ref.bsn) ?? [];
  return {
    Persoon: {
      ...entityReferences.Persoon,
      zorgtrajecten: (ref: PersoonRef) => [...zorgtrajecten(ref)].sort((a, b) => a.startdatum.localeCompare(b.startdatum)),
      heeftZorgverwijzing: (ref: PersoonRef) => zorgtrajecten(ref).some((traject) => runsOn(traject, index.world.peildatum)),
    },
  };
}

/** Start and end day both included, as the world reads every period. */
function runsOn(traject: Zorgtraject, datum: string): boolean {
  return traject.startdatum <= datum && (traject.einddatum === null || datum <= traject.einddatum);
}
