/**
 * The registers' records as the gateway's policy reads them: only the facts it needs, in the
 * registers' own vocabulary. Whatever holds such records (a partner's answer, a test's world)
 * passes them as these shapes; the gateway depends on no partner's code.
 */

/** A BAG address: its id and postcode (for the project's area). */
export interface RegisteredAddress {
  /** 16-digit BAG nummeraanduiding id. */
  adresId: string;
  /** "1234AB", with or without a space. */
  postcode: string;
}

/** A BRP registration at an address (verblijfplaats). */
export interface Registration {
  adresId: string;
  /** YYYY-MM-DD */
  datumAanvang: string;
  /** The last day the person lived there; null while still registered there. */
  datumEinde: string | null;
}

/** A BRP person: the secrecy flag and the registration history, newest last. */
export interface RegisteredPerson {
  bsn: string;
  geheimhouding: boolean;
  verblijfplaatsen: readonly Registration[];
}

/** A partner's signal about an address: where to look, never that someone did wrong. */
export interface AddressSignal {
  id: string;
  adresId: string;
  partner: string;
  soort: string;
  /** YYYY-MM-DD */
  datum: string;
}
