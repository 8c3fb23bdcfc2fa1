import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicyData, oversightActivity, parsePolicyFiles, processingActivityFor } from '../../gateway/policy/load.ts';
import { PolicyDataError } from '../../gateway/policy/problems.ts';
import { POLICY_DIR, shippedFiles, withEdit } from './policy-files.ts';

const ACTIVE = 'projects/wijkaanpak-2026.json';
const ENDED = 'projects/wijkaanpak-2025.json';
const KNOWN_PURPOSES = 'known purposes: adreskwaliteit, arbeidsuitbuiting, hulpverlening, uitkeringsfraude, woonfraude';

function problemsOf(files: ReturnType<typeof shippedFiles>): readonly string[] {
  try {
    parsePolicyFiles(files);
  } catch (error) {
    if (error instanceof PolicyDataError) return error.problems;
    throw error;
  }
  throw new Error('expected the policy files to be rejected');
}

describe('loadPolicyData', () => {
  it('loads the shipped covenant, roles, processing activities and projects', () => {
    const data = loadPolicyData(POLICY_DIR);
    expect(data.version).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect([...data.projects.keys()].sort()).toEqual(['wijkaanpak-2025', 'wijkaanpak-2026']);
    expect([...data.roles.keys()]).toEqual(['analist', 'handhaver', 'zorgverlener', 'coordinator', 'privacy-officer']);
    expect([...data.purposes.keys()]).toEqual(['uitkeringsfraude', 'adreskwaliteit', 'woonfraude', 'arbeidsuitbuiting', 'hulpverlening']);
    expect(data.parties.size).toBe(13);
    expect(processingActivityFor(data, 'woonfraude')).toMatchObject({ id: 'lsi-woonfraude', version: 1, retentionDays: 1826 });
    expect(oversightActivity(data)).toMatchObject({ id: 'toezicht', version: 1, oversight: true, retentionDays: 2557 });
  });

  it('gives the newest version of the oversight activity', () => {
    const files = withEdit('processing-activities.json', (json) => json.activities.push({ ...json.activities[0], version: 2, retentionDays: 3650 }));
    expect(oversightActivity(parsePolicyFiles(files))).toMatchObject({ id: 'toezicht', version: 2, retentionDays: 3650 });
  });

  it('gives the same version for the same content, whatever the key order and whitespace', () => {
    const reordered = shippedFiles().map((file) =>
      file.path === 'roles.json' ? { path: file.path, text: JSON.stringify(JSON.parse(file.text)) } : file,
    );
    const projectKeysReversed = withEdit(ACTIVE, (json) => {
      for (const key of Object.keys(json).reverse()) {
        const value = json[key];
        delete json[key];
        json[key] = value;
      }
    });
    const version = parsePolicyFiles(shippedFiles()).version;
    expect(parsePolicyFiles(reordered).version).toBe(version);
    expect(parsePolicyFiles(projectKeysReversed).version).toBe(version);
    expect(loadPolicyData(POLICY_DIR).version).toBe(version);
  });

  it('gives another version when any value changes', () => {
    const changed = withEdit(ACTIVE, (json) => (json.selectionThreshold = 3));
    expect(parsePolicyFiles(changed).version).not.toBe(parsePolicyFiles(shippedFiles()).version);
  });
});

describe('bad policy files', () => {
  const cases: Array<[string, ReturnType<typeof shippedFiles>, string[]]> = [
    [
      'unknown purpose in a project',
      withEdit(ACTIVE, (json) => (json.purposes[2] = 'woonfraud')),
      [`policies/${ACTIVE}: purposes[2]: unknown purpose "woonfraud"; ${KNOWN_PURPOSES}`],
    ],
    [
      'bad date',
      withEdit(ACTIVE, (json) => (json.period.from = '2026-02-30')),
      [`policies/${ACTIVE}: period.from: not a date (YYYY-MM-DD): "2026-02-30"`],
    ],
    [
      'period ends before it starts',
      withEdit(ENDED, (json) => (json.period.to = '2025-02-28')),
      [`policies/${ENDED}: period.to: ends (2025-02-28) before it starts (2025-03-01)`],
    ],
    [
      'unknown key',
      withEdit(ACTIVE, (json) => (json.period.until = '2026-12-31')),
      [`policies/${ACTIVE}: period.until: unknown key; allowed keys: from, to`],
    ],
    [
      'unknown covenant and party in a project',
      withEdit(ENDED, (json) => {
        json.covenant = 'lsi-old';
        json.participants.push('gemeente');
      }),
      [
        `policies/${ENDED}: covenant: unknown covenant "lsi-old"; known covenants: lsi`,
        `policies/${ENDED}: participants[6]: unknown party "gemeente"; known parties: arbeidsinspectie, bag, belastingdienst, brp, ind, inlichtingenbureau, politie, rdw, sociale-dienst, svb, uwv, wijkteam, woningcorporatie`,
      ],
    ],
    [
      'project id that does not match its file',
      withEdit(ENDED, (json) => (json.id = 'wijkaanpak-2024')),
      [`policies/${ENDED}: id: "wijkaanpak-2024" does not match the file name "wijkaanpak-2025.json"`],
    ],
    [
      'legal basis for an unknown party and purpose',
      withEdit('covenant.json', (json) => {
        json.legalBases[0].owner = 'kadaster';
        json.legalBases[1].purposes[0] = 'veiligheid';
      }),
      [
        'policies/covenant.json: legalBases[0].owner: unknown party "kadaster"; known parties: arbeidsinspectie, bag, belastingdienst, brp, ind, inlichtingenbureau, politie, rdw, sociale-dienst, svb, uwv, wijkteam, woningcorporatie',
        `policies/covenant.json: legalBases[1].purposes[0]: unknown purpose "veiligheid"; ${KNOWN_PURPOSES}`,
      ],
    ],
    [
      'subsidiarity ladder pointing up',
      withEdit('covenant.json', (json) => json.tiers.identifying.after.push('financial')),
      ['policies/covenant.json: tiers.identifying.after[0]: "financial" is not a lower tier than "identifying"'],
    ],
    [
      'unknown transform below a tier',
      withEdit('covenant.json', (json) => (json.tiers.financial.below = 'minimise')),
      ['policies/covenant.json: tiers.financial.below: must be "deny" or { "minimise": [one or more of masked-bsn, year, band, count, exists] }'],
    ],
    [
      'role acting for an unknown purpose',
      withEdit('roles.json', (json) => json.roles[2].purposes.push('zorg')),
      [`policies/roles.json: roles[2].purposes[1]: unknown purpose "zorg"; ${KNOWN_PURPOSES}`],
    ],
    [
      'role of an unknown kind',
      withEdit('roles.json', (json) => (json.roles[0].kind = 'analyst')),
      ['policies/roles.json: roles[0].kind: must be one of "enforcement", "care", "coordination", "oversight"; got "analyst"'],
    ],
    [
      'purpose without a processing activity',
      withEdit('processing-activities.json', (json) => json.activities.pop()),
      ['policies/processing-activities.json: activities: no processing activity for purpose "hulpverlening"'],
    ],
    [
      'activity for a purpose that is also the oversight activity',
      withEdit('processing-activities.json', (json) => (json.activities[1].oversight = true)),
      [
        'policies/processing-activities.json: activities[1]: names a purpose and is the oversight activity; an activity is one or the other',
        'policies/processing-activities.json: activities: more than one oversight activity: lsi-uitkeringsfraude, toezicht; keep one id and give it new versions',
      ],
    ],
    [
      'activity for neither a purpose nor oversight',
      withEdit('processing-activities.json', (json) => delete json.activities[0].oversight),
      [
        `policies/processing-activities.json: activities[0]: needs a purpose, or "oversight": true for the privacy officers' reads of the audit log`,
        `policies/processing-activities.json: activities: no oversight activity ("oversight": true): the privacy officers' reads of the audit log are recorded under it`,
      ],
    ],
    [
      'oversight that is not true',
      withEdit('processing-activities.json', (json) => (json.activities[0].oversight = false)),
      ['policies/processing-activities.json: activities[0].oversight: must be one of true; got false'],
    ],
    [
      'missing field',
      withEdit(ACTIVE, (json) => delete json.selectionThreshold),
      [`policies/${ACTIVE}: selectionThreshold: missing (expected number)`],
    ],
    [
      'file that is not valid JSON',
      shippedFiles().map((file) => (file.path === ENDED ? { path: ENDED, text: '{ "id": ' } : file)),
      [`policies/${ENDED}: not valid JSON: Unexpected end of JSON input`],
    ],
    [
      'unknown file and missing file',
      [...shippedFiles().filter((file) => file.path !== 'roles.json'), { path: 'rollen.json', text: '{}' }],
      [
        'policies/rollen.json: unknown policy file; expected covenant.json, roles.json, processing-activities.json or projects/<project id>.json',
        'policies/roles.json: missing',
      ],
    ],
  ];

  it.each(cases)('%s', (_name, files, expected) => {
    expect(problemsOf(files)).toEqual(expected);
  });

  it('throws one error whose message lists every problem', () => {
    const files = withEdit(ACTIVE, (json) => (json.purposes[2] = 'woonfraud'));
    expect(() => parsePolicyFiles(files)).toThrow(
      `The policy files are not valid:\npolicies/${ACTIVE}: purposes[2]: unknown purpose "woonfraud"; ${KNOWN_PURPOSES}`,
    );
  });
});

describe('npm run policy:check', () => {
  const tsx = join(import.meta.dirname, '../../node_modules/.bin/tsx');
  const script = join(import.meta.dirname, '../../scripts/policy-check.ts');
  const run = (dir: string) => spawnSync(tsx, [script, dir], { encoding: 'utf8' });

  it('prints OK with the version and exits 0 for the shipped policy', () => {
    const result = run(POLICY_DIR);
    const version = loadPolicyData(POLICY_DIR).version;
    expect(result.stdout).toBe(`OK ${version} (2 projects, 5 roles, 6 processing activities)\n`);
    expect(result.status).toBe(0);
  });

  it('prints the problems and exits 1 for a bad policy', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'policy-check-')), 'policies');
    cpSync(POLICY_DIR, dir, { recursive: true });
    const file = withEdit(ACTIVE, (json) => (json.purposes[2] = 'woonfraud')).find((f) => f.path === ACTIVE)!;
    writeFileSync(join(dir, ACTIVE), file.text);
    const result = run(dir);
    expect(result.stderr).toBe(
      `The policy files are not valid:\npolicies/${ACTIVE}: purposes[2]: unknown purpose "woonfraud"; ${KNOWN_PURPOSES}\n`,
    );
    expect(result.status).toBe(1);
  });
});
