/** Shared fixtures for the rule tests: fields as partners classify them, a caller, facts. */
import type { Classification, Tier } from '../../schema/classification.ts';
import type { EntityFacts, RequestFacts } from '../../gateway/policy/facts.ts';
import { loadPolicyData } from '../../gateway/policy/load.ts';
import type { FieldQuestion } from '../../gateway/policy/types.ts';
import { POLICY_DIR } from './policy-files.ts';

export const data = loadPolicyData(POLICY_DIR);

const ENFORCEMENT = ['uitkeringsfraude', 'adreskwaliteit', 'woonfraude', 'arbeidsuitbuiting'];

function field(coordinate: string, owner: string, classification: Classification): FieldQuestion {
  return { coordinate, owner, classification };
}

export const FIELDS = {
  oppervlakte: field('Adres.oppervlakte', 'bag', { tier: 'low', purposes: [...ENFORCEMENT, 'hulpverlening'] }),
  geslachtsnaam: field('Persoon.geslachtsnaam', 'brp', { tier: 'identifying', purposes: [...ENFORCEMENT, 'hulpverlening'] }),
  bsn: field('Persoon.bsn', 'brp', { tier: 'identifying', purposes: [...ENFORCEMENT, 'hulpverlening'], minimised: 'masked-bsn' }),
  geboortedatum: field('Persoon.geboortedatum', 'brp', { tier: 'identifying', purposes: ENFORCEMENT, minimised: 'year' }),
  toeslagen: field('Persoon.toeslagen', 'belastingdienst', { tier: 'financial', purposes: ['uitkeringsfraude', 'woonfraude'], minimised: 'band' }),
  inkomenJaar: field('Persoon.inkomenJaar', 'belastingdienst', { tier: 'financial', purposes: ['woonfraude'], minimised: 'year' }),
  zorgtrajecten: field('Persoon.zorgtrajecten', 'wijkteam', { tier: 'special-category', purposes: ['hulpverlening'] }),
  /** A wijkteam field wrongly shared for enforcement too: the care rule still refuses it. */
  zorgVoorHandhaving: field('Persoon.ondersteuningsbehoefte', 'wijkteam', { tier: 'special-category', purposes: ['hulpverlening', 'woonfraude'] }),
  politieRegistraties: field('Adres.politieRegistraties', 'politie', { tier: 'criminal-law', purposes: ['woonfraude', 'arbeidsuitbuiting'] }),
  verblijfsstatus: field('Persoon.verblijfsstatus', 'ind', { tier: 'identifying', purposes: ENFORCEMENT }),
} satisfies Record<string, FieldQuestion>;

export const NOW = new Date('2026-11-15T10:00:00Z');

export function request(overrides: {
  organisation?: string;
  roles?: string[];
  projects?: string[];
  project?: string;
  purpose?: string;
  justification?: string;
  now?: string;
} = {}): RequestFacts {
  return {
    now: overrides.now ? new Date(overrides.now) : NOW,
    caller: {
      id: 'medewerker-17',
      organisation: overrides.organisation ?? 'sociale-dienst',
      roles: overrides.roles ?? ['analist'],
      projects: overrides.projects ?? ['wijkaanpak-2026', 'wijkaanpak-2025'],
    },
    purpose: {
      project: overrides.project ?? 'wijkaanpak-2026',
      purpose: overrides.purpose ?? 'woonfraude',
      ...(overrides.justification === undefined ? {} : { justification: overrides.justification }),
    },
  };
}

/** A selected address with overlapping signals whose lower tiers were consulted: everything passes up to financial. */
export function address(overrides: Partial<EntityFacts> = {}): EntityFacts {
  return {
    kind: 'address',
    subjectId: '9999200000900001',
    inScope: true,
    addressId: '9999200000900001',
    signals: { partners: ['woningcorporatie', 'politie'], kinds: ['onderverhuur', 'overlast'] },
    documentedSuspicion: false,
    caseId: 'ZAAK-2026-001',
    consultedTiers: ['low', 'identifying', 'financial'],
    secrecy: null,
    ...overrides,
  };
}

export function person(overrides: Partial<EntityFacts> = {}): EntityFacts {
  return address({ kind: 'person', subjectId: '999990019', secrecy: false, ...overrides });
}

const TIER_NEEDS: Record<Tier, string | null> = {
  low: null,
  identifying: 'needs overlapping signals from two partners',
  financial: 'needs overlapping signals from two partners',
  'special-category': 'needs overlapping signals from two partners',
  'criminal-law': "needs a documented suspicion recorded in the address's case",
};

/**
 * The uniform refusal a caller is shown when a fact about the subject refuses (no oracle), in
 * project wijkaanpak-2026: `secrecy` when the field's owner is under the secrecy-flag rule and the
 * caller's sector is refused by it.
 */
export function withheldReason(coordinate: string, tier: Tier, options: { secrecy?: boolean } = {}): string {
  const conditions = [
    'the address lies in the area of project "wijkaanpak-2026" (for a person: they are registered at such an address on 2026-11-01)',
    ...(tier === 'low' ? [] : ['the address is selected into a case of the project']),
    ...(TIER_NEEDS[tier] ? [`it has the indication that ${tier} data ${TIER_NEEDS[tier]}`] : []),
    ...(options.secrecy ? ['(for a person) they are known not to be under the BRP secrecy flag'] : []),
  ];
  return (
    `${coordinate} is released only when ${conditions.join(', ')}; whether that holds for this subject is not disclosed, ` +
    'and the precise rule is in the decision record for the privacy officer. To go further, ask the project coordinator whether the address is selected'
  );
}
