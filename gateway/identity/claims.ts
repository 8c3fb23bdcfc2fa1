/**
 * From a verified token's claims to a Caller, under a configurable claim mapping.
 */
import type { JWTPayload } from 'jose';
import type { Caller } from '../context/types.ts';
import { looksLikeBsn } from '../policy/bsn-like.ts';
import { AuthenticationError } from './errors.ts';

/**
 * Where each part of the caller is found in the token. A name is first looked up as it is (so
 * "https://example.org/roles" works) and otherwise as a dotted path ("realm_access.roles").
 */
export interface ClaimMapping {
  subject: string;
  organisation: string;
  roles: string;
  /** Absent in a token means: no projects. */
  projects: string;
}

export const DEFAULT_CLAIM_MAPPING: ClaimMapping = {
  subject: 'sub',
  organisation: 'org',
  roles: 'roles',
  projects: 'projects',
};

/** The claim at `name`: the literal key if present, else the dotted path. */
export function readClaim(payload: JWTPayload, name: string): unknown {
  if (Object.hasOwn(payload, name)) return payload[name];
  let value: unknown = payload;
  for (const step of name.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, step)) {
      return undefined;
    }
    value = (value as Record<string, unknown>)[step];
  }
  return value;
}

/** The caller of a verified token; `issuer` is the issuer the token was verified against. */
export function callerFromClaims(payload: JWTPayload, mapping: ClaimMapping, issuer: string): Caller {
  const projects = readClaim(payload, mapping.projects);
  return {
    id: employeeId(payload, mapping.subject),
    issuer,
    organisation: requiredString(payload, mapping.organisation, 'the organisation'),
    roles: stringList(readClaim(payload, mapping.roles), mapping.roles, 'the roles', true),
    projects: projects === undefined ? [] : stringList(projects, mapping.projects, 'the projects', false),
  };
}

/** The caller's id: an employee id at their organisation, never a citizen's number. */
function employeeId(payload: JWTPayload, name: string): string {
  const id = requiredString(payload, name, 'the person id');
  if (looksLikeBsn(id)) {
    throw new AuthenticationError(
      'TOKEN_SUBJECT_IS_BSN',
      `The token's claim "${name}" (the person id) looks like a BSN. Callers are employees, identified by their employer's id (e.g. "emp-123"), and a citizen's number must never become a caller id in the audit log. Ask your identity provider to issue your employee id in this claim, or configure the gateway's claim mapping to the claim that holds it.`,
    );
  }
  return id;
}

function requiredString(payload: JWTPayload, name: string, what: string): string {
  const value = readClaim(payload, name);
  if (typeof value !== 'string' || value.trim() === '') {
    throw claimsMissing(name, what, value === undefined ? 'is missing' : 'is not a non-empty string');
  }
  return value;
}

function stringList(value: unknown, name: string, what: string, required: boolean): string[] {
  if (value === undefined && required) throw claimsMissing(name, what, 'is missing');
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string' && item.trim() !== '')) {
    throw claimsMissing(name, what, 'is not a list of non-empty strings');
  }
  return [...new Set(value as string[])];
}

function claimsMissing(name: string, what: string, problem: string): AuthenticationError {
  return new AuthenticationError(
    'TOKEN_CLAIMS_MISSING',
    `The token's claim "${name}" (${what}) ${problem}. Ask your identity provider to include it, or configure the gateway's claim mapping to the claim your provider uses.`,
  );
}
