/**
 * The development sign-in of the embedded default: POST /dev/sign-in asks the local token issuer
 * for a caller token for a chosen user, role, organisation and project. It exists only when no
 * identity provider (`auth`) is configured; with one, the web app signs in with OpenID Connect and
 * this path is not there at all. The token is short-lived: the web app's session ends with it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { LocalIssuer } from '../identity/local-issuer.ts';
import { looksLikeBsn } from '../policy/bsn-like.ts';
import type { PolicyData } from '../policy/load.ts';
import { APP_SECURITY_HEADERS, type AppConfig } from './web-app.ts';

/** A development session lasts half an hour. */
export const DEV_SESSION_SECONDS = 30 * 60;

const plainName = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/i, 'use letters, digits, ".", "_" or "-" (at most 64)');
/** The caller's id: the gateway refuses a token whose subject looks like a BSN, so none is issued. */
const employeeId = plainName.refine((id) => !looksLikeBsn(id), 'looks like a BSN; a caller is an employee, named by their employee id (e.g. emp-017)');

/** The policy's choices for the web app: roles, organisations (the covenant's parties) and projects, the latest first. */
export function appChoices(data: PolicyData): Omit<AppConfig, 'signIn'> {
  return {
    roles: [...data.roles.values()].map((r) => ({ id: r.id, name: r.name, purposes: [...r.purposes] })),
    organisations: [...data.parties.values()].map((p) => ({ id: p.id, name: p.name })),
    projects: [...data.projects.values()]
      .sort((a, b) => b.period.from.localeCompare(a.period.from))
      .map((p) => ({ id: p.id, name: p.name, purposes: [...p.purposes] })),
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...APP_SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of req) {
    text += (chunk as Buffer).toString('utf8');
    if (text.length > 4096) throw new Error('The request body is larger than 4 kB.');
  }
  return JSON.parse(text || '{}');
}

/** Handles POST /dev/sign-in; false for anything else. */
export function createDevSignIn(issuer: LocalIssuer, data: PolicyData): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean> {
  const body = z.strictObject({
    user: employeeId,
    role: z.enum([...data.roles.keys()] as [string, ...string[]]),
    organisation: z.enum([...data.parties.keys()] as [string, ...string[]]),
    project: z.enum([...data.projects.keys()] as [string, ...string[]]).optional(),
  });
  return async (req, res, url) => {
    if (url.pathname !== '/dev/sign-in') return false;
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      send(res, 405, { error: { code: 'METHOD_NOT_ALLOWED', message: 'Use POST /dev/sign-in with {"user", "role", "organisation", "project"}.' } });
      return true;
    }
    let input: unknown;
    try {
      input = await readJson(req);
    } catch (err) {
      send(res, 400, { error: { code: 'BAD_REQUEST', message: err instanceof SyntaxError ? 'The request body is not valid JSON.' : (err as Error).message } });
      return true;
    }
    const parsed = body.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      send(res, 400, { error: { code: 'BAD_REQUEST', message: `POST /dev/sign-in: ${issue.path.join('.') || '(body)'}: ${issue.message}` } });
      return true;
    }
    const { user, role, organisation, project } = parsed.data;
    const token = await issuer.sign({ id: user, organisation, roles: [role], projects: project ? [project] : [] }, DEV_SESSION_SECONDS);
    send(res, 200, { token, expiresIn: DEV_SESSION_SECONDS });
    return true;
  };
}
