import { coversDate } from '../world/index.ts';
import type { Persoon } from '../world/index.ts';
import type { Resolvers } from '@doelpoort/subgraph-kit/subgraph';
import { signalenOf } from '../shared/signalen.ts';
import { adresRef, entityReferences, persoonRef } from '../shared/world.ts';
import type { AdresRef, PersoonRef, WorldIndex } from '../shared/world.ts';

export function brpResolvers(index: WorldIndex): Resolvers {
  const persoon = (ref: PersoonRef): Persoon | undefined => index.persoonByBsn.get(ref.bsn);
  const huidigeVerblijfplaats = (ref: PersoonRef) =>
    persoon(ref)?.verblijfplaatsen.find((v) => coversDate(v, index.world.peildatum));

  return {
    Query: {
      persoon: (_: unknown, args: { bsn: string }) => persoonRef(args.bsn),
    },
    Persoon: {
      ...entityReferences.Persoon,
      naam: (ref: PersoonRef) => {
        const p = persoon(ref);
        return p === undefined ? null : { voornamen: p.voornamen, voorvoegsel: p.voorvoegsel, geslachtsnaam: p.geslachtsnaam };
      },
      geboortedatum: (ref: PersoonRef) => persoon(ref)?.geboortedatum ?? null,
      geslacht: (ref: PersoonRef) => persoon(ref)?.geslacht ?? null,
      geheimhouding: (ref: PersoonRef) => persoon(ref)?.geheimhouding ?? null,
      verblijfplaats: (ref: PersoonRef) => {
        const v = huidigeVerblijfplaats(ref);
        return v === undefined ? null : adresRef(v.adresId);
      },
      datumAanvangAdreshouding: (ref: PersoonRef) => huidigeVerblijfplaats(ref)?.datumAanvang ?? null,
      verblijfplaatsen: (ref: PersoonRef) =>
        (persoon(ref)?.verblijfplaatsen ?? []).map((v) => ({ adres: adresRef(v.adresId), datumAanvang: v.datumAanvang, datumEinde: v.datumEinde })),
      partner: (ref: PersoonRef) => {
        const partnerBsn = persoon(ref)?.partnerBsn ?? null;
        return partnerBsn === null ? null : persoonRef(partnerBsn);
      },
      kinderen: (ref: PersoonRef) => (index.kinderenByOuder.get(ref.bsn) ?? []).map((kind) => persoonRef(kind.bsn)),
      ouders: (ref: PersoonRef) => (persoon(ref)?.ouderBsns ?? []).map(persoonRef),
    },
    Adres: {
      ...entityReferences.Adres,
      bewoners: (ref: AdresRef) => index.bewonersOp(ref.adresId).map((bewoner) => persoonRef(bewoner.bsn)),
      aantalBewoners: (ref: AdresRef) => index.bewonersOp(ref.adresId).length,
      brpSignalen: signalenOf(index, 'brp'),
    },
  };
}
