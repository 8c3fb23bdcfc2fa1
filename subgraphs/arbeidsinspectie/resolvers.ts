import type { Huisvesting, Loonbevinding } from '../world/index.ts';
import type { Resolvers } from '@doelpoort/subgraph-kit/subgraph';
import { signalenOf } from '../shared/signalen.ts';
import { entityReferences, persoonRef } from '../shared/world.ts';
import type { AdresRef, PersoonRef, WorldIndex } from '../shared/world.ts';

/** An employer as this subgraph passes it around: only the key. */
interface WerkgeverRef {
  werkgeverId: string;
}

export function arbeidsinspectieResolvers(index: WorldIndex): Resolvers {
  const werkgever = (ref: WerkgeverRef) => index.werkgeverById.get(ref.werkgeverId);
  return {
    Persoon: {
      ...entityReferences.Persoon,
      loonbevindingen: (ref: PersoonRef) =>
        [...(index.byBsn.loonbevindingen.get(ref.bsn) ?? [])].sort((a, b) => a.datum.localeCompare(b.datum) || a.id.localeCompare(b.id)).map(loonbevindingView),
      werkgevers: (ref: PersoonRef) => (index.byBsn.werkgevers.get(ref.bsn) ?? []).map((w) => werkgeverRef(w.werkgeverId)),
    },
    Adres: {
      ...entityReferences.Adres,
      huisvestingArbeidsmigranten: (ref: AdresRef) => (index.byAdres.huisvesting.get(ref.adresId) ?? []).map(huisvestingView),
      arbeidsinspectieSignalen: signalenOf(index, 'arbeidsinspectie'),
    },
    Werkgever: {
      // As for Persoon and Adres: existence is not checked here; an unknown id resolves to nulls.
      __resolveReference: (representation: { werkgeverId?: unknown }) =>
        typeof representation.werkgeverId === 'string' ? werkgeverRef(representation.werkgeverId) : null,
      naam: (ref: WerkgeverRef) => werkgever(ref)?.naam ?? null,
      kvkNummer: (ref: WerkgeverRef) => werkgever(ref)?.kvkNummer ?? null,
      eigenaar: (ref: WerkgeverRef) => {
        const eigenaarBsn = werkgever(ref)?.eigenaarBsn ?? null;
        return eigenaarBsn === null ? null : persoonRef(eigenaarBsn);
      },
      huisvestingsadressen: (ref: WerkgeverRef): AdresRef[] => [
        ...new Set((index.byWerkgever.huisvesting.get(ref.werkgeverId) ?? []).map((record) => record.adresId)),
      ].map((adresId) => ({ adresId })),
    },
  };
}

function werkgeverRef(werkgeverId: string): WerkgeverRef {
  return { werkgeverId };
}

function huisvestingView(record: Huisvesting) {
  return { werkgever: werkgeverRef(record.werkgeverId), aantalPersonen: record.aantalPersonen, vastgesteldOp: record.vastgesteldOp };
}

function loonbevindingView(record: Loonbevinding) {
  return {
    id: record.id,
    werkgever: werkgeverRef(record.werkgeverId),
    datum: record.datum,
    betaaldUurloonCent: record.betaaldUurloonCent,
    minimumUurloonCent: record.minimumUurloonCent,
  };
}
