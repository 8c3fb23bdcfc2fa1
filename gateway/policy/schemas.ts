/**
 * The shape of every policy file, as zod schemas. Objects are strict: an unknown key is an error,
 * so a typo never silently weakens a rule. References between files are checked in references.ts.
 */
import { z } from 'zod';
import { MINIMISATIONS, TIERS } from '../../schema/classification.ts';
import { isIsoDate } from './dates.ts';
import { WEIGHTS } from './weight.ts';

/** A strict object whose unknown-key error lists the keys it allows. */
function strict<T extends z.core.$ZodLooseShape>(shape: T) {
  const allowed = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? `allowed keys: ${allowed}` : undefined),
  });
}

/** A string schema whose format error quotes the value. */
function pattern(regex: RegExp, what: string) {
  return z.string().regex(regex, { error: (issue) => `not ${what}: ${JSON.stringify(issue.input)}` });
}

const id = pattern(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'an id (lowercase letters and digits, joined by single dashes)');
const text = z.string().trim().min(1, 'must not be empty');
const isoDate = z.string().refine(isIsoDate, { error: (issue) => `not a date (YYYY-MM-DD): ${JSON.stringify(issue.input)}` });
const ids = z.array(id);
const nonEmptyIds = ids.min(1, 'must not be empty');

export const partySchema = strict({
  id,
  name: text,
  kind: z.enum(['municipal-department', 'national-agency', 'local-partner']),
  /** Private parties (e.g. a housing corporation) do not receive data under the BRP secrecy flag. */
  sector: z.enum(['public', 'private']),
});

export const purposeSchema = strict({
  id,
  name: text,
  /** Care purposes are the only ones care data may serve. */
  kind: z.enum(['enforcement', 'care']),
});

export const legalBasisSchema = strict({
  owner: id,
  recipients: nonEmptyIds,
  purposes: nonEmptyIds,
  /** The article of law, as text. */
  article: text,
});

const weight = z.enum(WEIGHTS);
const belowSchema = z.union([z.literal('deny'), strict({ minimise: z.array(z.enum(MINIMISATIONS)).min(1, 'must not be empty') })], {
  error: () => `must be "deny" or { "minimise": [one or more of ${MINIMISATIONS.join(', ')}] }`,
});

export const tierRuleSchema = strict({
  /** The least indication weight the tier needs. */
  requires: weight,
  /** Below that weight: deny, or give the field's declared minimised form if it is one of these. */
  below: belowSchema,
  /** Subsidiarity: tiers that must have been consulted in the case before this one. */
  after: z.array(z.enum(TIERS)),
  /** Care data: only for a care purpose and a care role. */
  careOnly: z.boolean(),
});

const tierTableShape = Object.fromEntries(TIERS.map((tier) => [tier, tierRuleSchema])) as Record<
  (typeof TIERS)[number],
  typeof tierRuleSchema
>;

export const covenantSchema = strict({
  id,
  name: text,
  note: text.optional(),
  parties: z.array(partySchema).min(1, 'must not be empty'),
  purposes: z.array(purposeSchema).min(1, 'must not be empty'),
  legalBases: z.array(legalBasisSchema),
  tiers: strict(tierTableShape),
  /**
   * Before selection: an address without an open case in the project that weighs at least this
   * gives the owner's minimised form of a field (when its tier's `below` allows that form) instead
   * of nothing (rule 17). Absent: nothing above the lowest tier before selection.
   */
  minimisedBeforeSelection: weight.optional(),
  /** Ascending lower bounds of the amount bands, e.g. [0, 1000, 2500] gives "0-1000", "1000-2500", "2500+". */
  amountBands: z.array(z.number().int()).min(2, 'needs at least two bounds'),
  /** Owners whose data about a person under the BRP secrecy flag is not given to these sectors. */
  secrecyFlag: strict({ owners: ids, deniedSectors: z.array(z.enum(['public', 'private'])) }),
  /**
   * The project's joint case file (the reason an address was selected, the outcomes recorded on it),
   * kept by the gateway for the participants together: its owner (the subgraph that serves it) takes
   * part in every project and shares with every participant for these purposes.
   */
  caseFile: strict({ owner: id, purposes: ids, article: text }).optional(),
});

const postcode = pattern(/^\d{4}([A-Z]{2})?$/, 'a postcode ("1234" or "1234AB")');
const addressId = pattern(/^\d{16}$/, 'a BAG address id (16 digits)');

export const projectSchema = strict({
  id,
  covenant: id,
  name: text,
  area: strict({ postcodes: z.array(postcode), addressIds: z.array(addressId) }),
  /** Both days inclusive. */
  period: strict({ from: isoDate, to: isoDate }),
  /** The day residence is judged on (scope); when absent, the day of the request. */
  referenceDate: isoDate.optional(),
  participants: nonEmptyIds,
  purposes: nonEmptyIds,
  /** Distinct partners with signals on one address needed for "overlapping signals". */
  selectionThreshold: z.number().int().min(1, 'must be at least 1'),
});

export const roleSchema = strict({
  id,
  name: text,
  kind: z.enum(['enforcement', 'care', 'coordination', 'oversight']),
  /** Purposes a person in this role may act for. */
  purposes: ids,
});

export const rolesFileSchema = strict({ roles: z.array(roleSchema) });

export const processingActivitySchema = strict({
  id,
  version: z.number().int().min(1, 'must be at least 1'),
  name: text,
  /** The covenant purpose whose requests run under this activity. */
  purpose: id.optional(),
  /**
   * The privacy officers' own processing: reading the audit log about persons and addresses
   * (docs/audit.md, "Oversight is a processing too"). Serves no covenant purpose; an activity is
   * either this or for one purpose (references.ts).
   */
  oversight: z.literal(true).optional(),
  legalBasis: text,
  retentionDays: z.number().int().min(1, 'must be at least 1'),
});

export const processingActivitiesFileSchema = strict({ activities: z.array(processingActivitySchema) });

export type Party = z.infer<typeof partySchema>;
export type Purpose = z.infer<typeof purposeSchema>;
export type LegalBasis = z.infer<typeof legalBasisSchema>;
export type TierRule = z.infer<typeof tierRuleSchema>;
export type Covenant = z.infer<typeof covenantSchema>;
export type Project = z.infer<typeof projectSchema>;
export type Role = z.infer<typeof roleSchema>;
export type ProcessingActivity = z.infer<typeof processingActivitySchema>;
