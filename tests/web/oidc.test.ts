/**
 * Signing in to the web app with OpenID Connect, against a real provider (oidc-provider) started
 * here: the gateway runs with `auth` naming that issuer and a web app client. In Chromium the app
 * sends the user to the provider's login and consent pages and back, ends signed in with the
 * claims the gateway reads, and a query works; the token is never in a URL and nothing stays in
 * the browser's storage; when the token expires, the app asks to sign in again. The development
 * sign-in is not there: not the endpoint, not the form.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProduct, type Product } from '../helpers/product.ts';
import { drive, findChromium, seriousViolations, type Driven } from './browser.ts';
import { AUDIENCE, CLIENT_ID, ROLES_CLAIM, SCOPES, startTestProvider, type TestProvider } from './oidc-provider.ts';

const chromiumPath = findChromium();
const eventually = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 30_000, interval: 200 });
const SCENARIO_1 = '9999200000900001';
const ACCOUNT = 'emp-oidc-042';

describe('the web app with an identity provider (auth)', () => {
  let provider: TestProvider;
  let product: Product;
  let keysDir: string;

  beforeAll(async () => {
    provider = await startTestProvider({ [ACCOUNT]: { org: 'sociale-dienst', roles: ['analist'], projects: ['wijkaanpak-2026'] } });
    keysDir = await mkdtemp(join(tmpdir(), 'doelpoort-oidc-'));
    const jwksFile = join(keysDir, 'provider.jwks.json');
    await writeFile(jwksFile, JSON.stringify(provider.jwks));
    product = await startProduct({
      env: {
        DOELPOORT_AUTH_ISSUER: provider.issuer,
        DOELPOORT_AUTH_AUDIENCE: AUDIENCE,
        DOELPOORT_AUTH_JWKS_FILE: jwksFile,
        DOELPOORT_AUTH_CLAIMS_ROLES: ROLES_CLAIM,
        DOELPOORT_AUTH_WEB_APP_CLIENT_ID: CLIENT_ID,
        DOELPOORT_AUTH_WEB_APP_SCOPES: SCOPES,
      },
    });
    provider.register(product.origin);
  }, 300_000);
  afterAll(async () => {
    await product?.stop();
    await product?.cleanup();
    await provider?.close();
    if (keysDir) await rm(keysDir, { recursive: true, force: true });
  });

  it('has no development sign-in endpoint, and tells the app to sign in at the issuer', async () => {
    const signIn = await fetch(`${product.origin}/dev/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: 'emp-001', role: 'privacy-officer', organisation: 'brp' }),
    });
    expect(signIn.status).toBe(404);
    const config = await fetch(`${product.origin}/app/config`);
    expect(((await config.json()) as { signIn: unknown }).signIn).toEqual({
      mode: 'oidc',
      issuer: provider.issuer,
      clientId: CLIENT_ID,
      scopes: SCOPES,
      claims: { subject: 'sub', organisation: 'org', roles: ROLES_CLAIM, projects: 'projects' },
    });
    // The app's script may call the issuer (discovery, token endpoint), and nothing else outside.
    expect(config.headers.get('content-security-policy')).toContain(`connect-src 'self' ${provider.issuer};`);
  });

  describe.skipIf(!chromiumPath)('in a browser', () => {
    let driven: Driven;
    let page: Page;
    const tokens: string[] = [];

    beforeAll(async () => {
      driven = await drive(chromiumPath!);
      page = driven.page;
      // The page's clock runs as the real one, until the test moves it past the token's expiry.
      await page.clock.install();
      // The provider's pages ask for a web font; there is no internet here, and it is not ours.
      await page.route((url) => url.hostname !== '127.0.0.1', (route) => route.abort());
      page.on('response', async (response) => {
        if (response.url() === `${provider.issuer}/token` && response.request().method() === 'POST') {
          const body = (await response.json()) as { access_token?: string; id_token?: string };
          tokens.push(...[body.access_token, body.id_token].filter((t): t is string => typeof t === 'string'));
        }
      });
    }, 60_000);
    afterAll(async () => {
      await driven?.browser.close();
    });

    it('shows no development sign-in form, only the way to the identity provider', async () => {
      await page.goto(`${product.origin}/`);
      await page.getByRole('heading', { name: "Sign in with your organisation's account" }).waitFor();
      expect(await page.getByRole('heading', { name: 'Development sign-in' }).count()).toBe(0);
      expect(await page.getByLabel('User (employee id)').count()).toBe(0);
      expect(await page.getByLabel('Role').count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
      if (process.env.DOELPOORT_SCREENSHOTS) await page.screenshot({ path: join(process.env.DOELPOORT_SCREENSHOTS, 'sign-in-oidc.png'), fullPage: true });
    }, 60_000);

    it('signs in through the provider’s login and consent, and a query works with its token', async () => {
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.waitForURL((url) => url.origin === provider.issuer);
      await page.locator('input[name="login"]').fill(ACCOUNT);
      await page.locator('input[name="password"]').fill('any password');
      await page.getByRole('button', { name: 'Sign-in' }).click();
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.waitForURL((url) => url.origin === product.origin);
      await eventually(() => page.locator('.app-header').textContent()).toContain(`Signed in as ${ACCOUNT} (analist, sociale-dienst)`);
      // The code and state are gone from the address bar, and nothing is left in the browser's storage.
      expect(page.url()).toBe(`${product.origin}/`);
      expect(await page.evaluate(() => [sessionStorage.length, localStorage.length, document.cookie])).toEqual([0, 0, '']);
      expect(await page.title()).toBe('Dossier · Doelpoort');

      await page.getByLabel('Address id').fill(SCENARIO_1);
      await page.getByRole('button', { name: 'Show dossier' }).click();
      await eventually(() => page.getByRole('region', { name: 'Gemeente, Basisregistratie Adressen en Gebouwen' }).textContent()).toContain('Hazelaarstraat');
      expect(await seriousViolations(page)).toEqual([]);
    }, 120_000);

    it('asks to sign in again when the token expires', async () => {
      const expiresAt = await page.evaluate(() => document.querySelector('.app-header')!.textContent!.match(/session until (\d\d:\d\d)/)![1]);
      // The provider's access tokens last 15 minutes.
      await page.clock.fastForward('16:00');
      await page.getByText(`Your session ended at ${expiresAt}. Sign in again.`).waitFor();
      expect(await page.getByRole('button', { name: 'Sign in', exact: true }).count()).toBe(1);
      expect(await page.locator('.app-header').count()).toBe(0);
    }, 60_000);

    it('refuses a sign-in response it did not start, and cleans it from the address bar', async () => {
      await page.goto(`${product.origin}/?code=forged-code&state=forged-state`);
      await page.getByText('This sign-in was not started here (or was already used). Sign in again.').waitFor();
      expect(page.url()).toBe(`${product.origin}/`);
      expect(await page.locator('.app-header').count()).toBe(0);
    }, 60_000);

    it('never put a token in a URL, and the page raised no error', () => {
      expect(tokens.length).toBe(2);
      expect(driven.urls.filter((url) => tokens.some((token) => url.includes(token)) || /access_token|id_token/.test(url))).toEqual([]);
      expect(driven.problems.filter((p) => !p.includes('net::ERR_FAILED'))).toEqual([]);
    });
  });
});
