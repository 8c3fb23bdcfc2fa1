/**
 * The signed-in session: the caller token lives in memory only (never in a URL, a cookie or
 * storage), so a reload or a closed tab signs out. The session ends when the token expires.
 */
export interface Session {
  token: string;
  user: string;
  organisation: string;
  roles: string[];
  projects: string[];
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** The gateway's claim names (auth.claims): a name as it is, else a dotted path such as realm_access.roles. */
export interface ClaimNames {
  subject: string;
  organisation: string;
  roles: string;
  projects: string;
}

export interface OidcSignIn {
  mode: 'oidc';
  issuer: string;
  clientId: string;
  scopes: string;
  claims: ClaimNames;
}

export interface AppConfig {
  signIn: { mode: 'development' } | OidcSignIn | { mode: 'unavailable' };
  roles: { id: string; name: string; purposes: string[] }[];
  organisations: { id: string; name: string }[];
  projects: { id: string; name: string; purposes: string[] }[];
}

function base64UrlJson(part: string): Record<string, unknown> {
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** The claim names of the embedded default's local issuer. */
const DEFAULT_CLAIMS: ClaimNames = { subject: 'sub', organisation: 'org', roles: 'roles', projects: 'projects' };

function claim(payload: Record<string, unknown>, name: string): unknown {
  if (name in payload) return payload[name];
  let value: unknown = payload;
  for (const part of name.split('.')) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  return value;
}

/** The session a caller token describes (the gateway checks the token; this only reads it for display). */
export function sessionFromToken(token: string, claims: ClaimNames = DEFAULT_CLAIMS): Session {
  const payload = base64UrlJson(token.split('.')[1] ?? '');
  return {
    token,
    user: String(claim(payload, claims.subject) ?? ''),
    organisation: String(claim(payload, claims.organisation) ?? ''),
    roles: strings(claim(payload, claims.roles)),
    projects: strings(claim(payload, claims.projects)),
    expiresAt: Number(payload.exp ?? 0) * 1000,
  };
}

export type Role = 'analyst' | 'coordinator' | 'officer';

/** Which part of the app a role uses. */
export function appRole(session: Session): Role {
  if (session.roles.includes('privacy-officer')) return 'officer';
  if (session.roles.includes('coordinator')) return 'coordinator';
  return 'analyst';
}
