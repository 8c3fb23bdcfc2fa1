/**
 * Checks between policy files and within them that a schema cannot express: every id a file names
 * must exist, ids are unique, periods run forward, ladders only point down.
 */
import { TIERS } from '../../schema/classification.ts';
import type { JsonPath, PolicyProblem } from './problems.ts';
import type { Covenant, ProcessingActivity, Project, Role } from './schemas.ts';

export interface ParsedPolicy {
  covenant: { file: string; value: Covenant };
  /** Absent when the file itself is not valid (its own problems are reported already). */
  roles?: { file: string; value: Role[] };
  activities?: { file: string; value: ProcessingActivity[] };
  /** The valid project files; name: the file name without ".json". */
  projects: Array<{ file: string; name: string; value: Project }>;
}

export function checkReferences(policy: ParsedPolicy): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const covenant = policy.covenant.value;
  const parties = new Set(covenant.parties.map((p) => p.id));
  const purposes = new Set(covenant.purposes.map((p) => p.id));

  const report = (file: string, path: JsonPath, message: string) => problems.push({ file, path, message });
  const known = (file: string, path: JsonPath, kind: string, plural: string, names: Set<string>, value: string) => {
    if (!names.has(value)) report(file, path, `unknown ${kind} ${JSON.stringify(value)}; known ${plural}: ${[...names].sort().join(', ')}`);
  };
  const party = (file: string, path: JsonPath, value: string) => known(file, path, 'party', 'parties', parties, value);
  const purpose = (file: string, path: JsonPath, value: string) => known(file, path, 'purpose', 'purposes', purposes, value);

  const c = policy.covenant.file;
  unique(covenant.parties.map((p) => p.id), (i, v) => report(c, ['parties', i, 'id'], `duplicate party ${JSON.stringify(v)}`));
  unique(covenant.purposes.map((p) => p.id), (i, v) => report(c, ['purposes', i, 'id'], `duplicate purpose ${JSON.stringify(v)}`));
  covenant.legalBases.forEach((basis, i) => {
    party(c, ['legalBases', i, 'owner'], basis.owner);
    basis.recipients.forEach((r, j) => party(c, ['legalBases', i, 'recipients', j], r));
    basis.purposes.forEach((p, j) => purpose(c, ['legalBases', i, 'purposes', j], p));
  });
  for (const tier of TIERS) {
    covenant.tiers[tier].after.forEach((lower, j) => {
      if (TIERS.indexOf(lower) >= TIERS.indexOf(tier)) report(c, ['tiers', tier, 'after', j], `"${lower}" is not a lower tier than "${tier}"`);
    });
  }
  covenant.amountBands.forEach((bound, i) => {
    const previous = covenant.amountBands[i - 1];
    if (previous !== undefined && bound <= previous) report(c, ['amountBands', i], `must be greater than the bound before it (${previous})`);
  });
  covenant.secrecyFlag.owners.forEach((owner, i) => party(c, ['secrecyFlag', 'owners', i], owner));
  covenant.caseFile?.purposes.forEach((p, j) => purpose(c, ['caseFile', 'purposes', j], p));
  if (covenant.caseFile && parties.has(covenant.caseFile.owner)) report(c, ['caseFile', 'owner'], `the case file's owner ${JSON.stringify(covenant.caseFile.owner)} must not be a party: it is the project's own`);

  if (policy.roles) {
    const { file: r, value: roles } = policy.roles;
    unique(roles.map((role) => role.id), (i, v) => report(r, ['roles', i, 'id'], `duplicate role ${JSON.stringify(v)}`));
    roles.forEach((role, i) => role.purposes.forEach((p, j) => purpose(r, ['roles', i, 'purposes', j], p)));
  }

  if (policy.activities) {
    const { file: a, value: activities } = policy.activities;
    unique(
      activities.map((act) => `${act.id}@${act.version}`),
      (i, v) => report(a, ['activities', i], `duplicate processing activity version ${JSON.stringify(v)}`),
    );
    activities.forEach((act, i) => {
      if (act.purpose !== undefined) purpose(a, ['activities', i, 'purpose'], act.purpose);
      if (act.purpose !== undefined && act.oversight) report(a, ['activities', i], 'names a purpose and is the oversight activity; an activity is one or the other');
      if (act.purpose === undefined && !act.oversight) report(a, ['activities', i], 'needs a purpose, or "oversight": true for the privacy officers\' reads of the audit log');
    });
    for (const p of [...purposes].sort()) {
      if (!activities.some((act) => act.purpose === p)) report(a, ['activities'], `no processing activity for purpose "${p}"`);
    }
    const oversight = new Set(activities.filter((act) => act.oversight).map((act) => act.id));
    if (oversight.size === 0) report(a, ['activities'], 'no oversight activity ("oversight": true): the privacy officers\' reads of the audit log are recorded under it');
    if (oversight.size > 1) report(a, ['activities'], `more than one oversight activity: ${[...oversight].sort().join(', ')}; keep one id and give it new versions`);
  }

  for (const { file, name, value: project } of policy.projects) {
    if (project.id !== name) report(file, ['id'], `"${project.id}" does not match the file name "${name}.json"`);
    known(file, ['covenant'], 'covenant', 'covenants', new Set([covenant.id]), project.covenant);
    if (project.period.to < project.period.from) {
      report(file, ['period', 'to'], `ends (${project.period.to}) before it starts (${project.period.from})`);
    }
    if (project.area.postcodes.length === 0 && project.area.addressIds.length === 0) {
      report(file, ['area'], 'is empty: name postcodes or address ids');
    }
    project.participants.forEach((p, j) => party(file, ['participants', j], p));
    unique(project.participants, (j, v) => report(file, ['participants', j], `duplicate participant ${JSON.stringify(v)}`));
    project.purposes.forEach((p, j) => purpose(file, ['purposes', j], p));
  }
  return problems;
}

function unique(values: readonly string[], onDuplicate: (index: number, value: string) => void): void {
  const seen = new Set<string>();
  values.forEach((value, index) => {
    if (seen.has(value)) onDuplicate(index, value);
    seen.add(value);
  });
}
