/** Whether an address or a person belongs to a project's area (the scope principle). */
import type { RegisteredAddress, Registration } from './register-records.ts';
import type { Project } from './schemas.ts';

/** In the area by address id, by full postcode, or by its 4-digit postcode area. */
export function addressInArea(address: RegisteredAddress, area: Project['area']): boolean {
  const postcode = address.postcode.replace(/\s+/g, '').toUpperCase();
  return (
    area.addressIds.includes(address.adresId) ||
    area.postcodes.some((code) => (code.length === 4 ? postcode.startsWith(code) : postcode === code))
  );
}

/**
 * The registration that holds on a day: it began on or before the day and had not ended by then.
 * datumEinde is the last day the person lived there (the BRP and the synthetic world read it so).
 */
export function registrationOn<R extends Registration>(registrations: readonly R[], day: string): R | undefined {
  return registrations.find((r) => r.datumAanvang <= day && (r.datumEinde === null || day <= r.datumEinde));
}
