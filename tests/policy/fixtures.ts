/** Shared fixtures for the rule tests: fields as partners classify them, a caller, facts. */
import type { Classification } from '../../schema/classification.ts';
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
