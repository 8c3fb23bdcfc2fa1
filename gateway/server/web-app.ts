/**
 * The web app (web/, built into web/dist by `npm ci`) served at `/` on the gateway's own origin:
 * no CDN, so it works on a closed network. Every answer carries a strict Content-Security-Policy
 * (scripts only from this origin, none inline; calls to this origin and, with OpenID Connect, to
 * the issuer) and headers that keep the app out of frames and its addresses out of referrers. The
 * app reads its sign-in mode and the policy's choices (roles, projects and purposes; no personal
 * data) from GET /app/config.
 */
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectOrigins, type AppSignIn } from './app-sign-in.ts';

/** The app's build, next to the gateway in the repository. */
export const WEB_APP_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

/** The policy of the app's answers; `connect` adds the origins its script may call (the issuer's). */
export function contentSecurityPolicy(connect: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // The query editor (Monaco) and the charts set style attributes from script; no script is inline.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "worker-src 'self'",
    ["connect-src 'self'", ...connect].join(' '),
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function appSecurityHeaders(connect: readonly string[] = []): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(connect),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
  };
}

export const APP_SECURITY_HEADERS = appSecurityHeaders();

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.json': 'application/json; charset=utf-8',
};

const NOT_BUILT = `The Doelpoort web app is not built. The README's install command builds it (npm ci runs "npm run build --workspace web"); run that, then start the gateway again.\n`;

/** What the app needs to know before anyone signs in: how to sign in, and the policy's choices. */
export interface AppConfig {
  signIn: AppSignIn;
  roles: { id: string; name: string; purposes: string[] }[];
  organisations: { id: string; name: string }[];
  projects: { id: string; name: string; purposes: string[] }[];
}

export interface WebAppOptions {
  config: AppConfig;
  /** The build folder; WEB_APP_DIST by default. */
  distDir?: string;
}

function send(res: ServerResponse, security: Record<string, string>, status: number, body: string | Buffer, contentType: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...security, 'content-type': contentType, 'content-length': Buffer.byteLength(body), ...extra });
  res.end(body);
}

/** The file under `dir` that `pathname` names, or undefined when it would leave `dir`. */
export function fileWithin(dir: string, pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const file = normalize(join(dir, decoded));
  return file.startsWith(dir.endsWith(sep) ? dir : dir + sep) ? file : undefined;
}

/** Handles GET /, /assets/* and /app/config; false for anything else. */
export function createWebApp(options: WebAppOptions): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean> {
  const dist = options.distDir ?? WEB_APP_DIST;
  const configJson = JSON.stringify(options.config);
  const security = appSecurityHeaders(connectOrigins(options.config.signIn));
  return async (req, res, url) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    if (url.pathname === '/app/config') {
      send(res, security, 200, configJson, 'application/json; charset=utf-8', { 'cache-control': 'no-store' });
      return true;
    }
    const isIndex = url.pathname === '/' || url.pathname === '/index.html';
    if (!isIndex && !url.pathname.startsWith('/assets/')) return false;
    const file = fileWithin(dist, isIndex ? 'index.html' : url.pathname);
    const type = file ? CONTENT_TYPES[extname(file)] : undefined;
    if (!file || !type) {
      send(res, security, 404, 'Not found.\n', 'text/plain; charset=utf-8');
      return true;
    }
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      if (isIndex) send(res, security, 503, NOT_BUILT, 'text/plain; charset=utf-8');
      else send(res, security, 404, 'Not found.\n', 'text/plain; charset=utf-8');
      return true;
    }
    // Built assets carry a content hash in their names; the page itself is always asked again.
    send(res, security, 200, body, type, { 'cache-control': isIndex ? 'no-cache' : 'public, max-age=31536000, immutable' });
    return true;
  };
}
