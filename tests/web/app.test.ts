/**
 * The web app in a real browser (Debian's Chromium), on the whole product: each user's main path,
 * asserting what is on screen; axe-core on every page; no BSN in any URL the app asks for.
 * Without a browser on the machine the suite says so plainly (and CI, which installs one, fails).
 * DOELPOORT_SCREENSHOTS=<dir> saves a screenshot of each page there (docs/screenshots/).
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProduct, type Product } from '../helpers/product.ts';
import { drive, findChromium, NINE_DIGITS, seriousViolations, type Driven } from './browser.ts';

const chromiumPath = findChromium();
/** What the page shows once it has answered: the machine may be slow, so wait up to 30 s. */
const eventually = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 30_000, interval: 200 });
const SCENARIO_1 = '9999200000900001';
/** Gerststraat 1, in the project's area, with residents and no signal from any partner. */
const NO_INDICATION = '9999200000100001';
const ESMEE = '999990007';
const JUSTIFICATION = 'The household income must be checked before the home visit next week';

if (!chromiumPath) {
  const message = 'BROWSER TESTS NOT RUN: no Chromium on this machine (apt-get install -y chromium, or set DOELPOORT_CHROMIUM).';
  process.stderr.write(`\n${message}\n\n`);
  if (process.env.CI) describe('the web app in a browser', () => it('needs Chromium in CI (.ci/run installs it)', () => expect.fail(message)));
}

describe.skipIf(!chromiumPath)('the web app in a browser', () => {
  let product: Product;
  let driven: Driven;
  let page: Page;

  beforeAll(async () => {
    product = await startProduct();
    driven = await drive(chromiumPath!);
    page = driven.page;
  }, 300_000);
  afterAll(async () => {
    await driven?.browser.close();
    await product?.stop();
    await product?.cleanup();
  });

  /** axe-core on the page as it is, and a screenshot when asked for. */
  async function check(name: string): Promise<void> {
    expect(await seriousViolations(page), `axe on ${name}`).toEqual([]);
    if (process.env.DOELPOORT_SCREENSHOTS) await page.screenshot({ path: join(process.env.DOELPOORT_SCREENSHOTS, `${name}.png`), fullPage: true });
  }

  async function signIn(role: string, organisation: string): Promise<void> {
    await page.goto(`${product.origin}/`);
    await page.getByLabel('Role').selectOption(role);
    await page.getByLabel('Organisation').selectOption(organisation);
    if (role !== 'privacy-officer') await page.getByLabel('Project').selectOption('wijkaanpak-2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await eventually(() => page.locator('.app-header').textContent()).toContain(`${role}, ${organisation}`);
  }

  async function signOut(): Promise<void> {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You signed out.').waitFor();
  }

  async function dossier(adresId: string): Promise<void> {
    await page.goto(`${product.origin}/#/dossier`);
    await page.getByLabel('Address id').fill(adresId);
    await page.getByRole('button', { name: 'Show dossier' }).click();
    await page.getByRole('heading', { name: 'Residents' }).waitFor();
  }

  /** The text of one partner's card about the first resident. */
  const residentCard = (partner: string) => page.getByRole('region', { name: 'Resident 1' }).getByRole('region', { name: partner });

  it('signs in on the development sign-in, with a strict CSP and no inline script', async () => {
    const response = await page.goto(`${product.origin}/`);
    expect(response!.headers()['content-security-policy']).toContain("script-src 'self';");
    expect(await page.locator('script:not([src])').count()).toBe(0);
    await page.getByRole('heading', { name: 'Development sign-in' }).waitFor();
    await check('sign-in');
    await signIn('analist', 'sociale-dienst');
    expect(await page.title()).toBe('Dossier · Doelpoort');
  }, 120_000);

  it('shows an analyst an address without any indication: its residents withheld with principle, reason and what would make them allowed; asking again with a justification is one step', async () => {
    await dossier(NO_INDICATION);
    await eventually(() => page.getByRole('region', { name: 'Gemeente, Basisregistratie Adressen en Gebouwen' }).textContent()).toContain('Gerststraat');
    const residents = page.getByRole('region', { name: 'Residents' }).locator('.withheld');
    await eventually(() => residents.count()).toBe(1);
    expect(await residents.locator('.principle').textContent()).toMatch(/^\(\w+\)$/);
    expect((await residents.locator('dd').first().textContent())!.length).toBeGreaterThan(10);
    expect(await residents.textContent()).toContain('What would make it allowed');
    // No justification makes up for an address without indication or selection.
    await residents.getByRole('button', { name: 'Ask again with a justification' }).click();
    await residents.getByLabel(/^Justification/).fill(JUSTIFICATION);
    await residents.getByRole('button', { name: 'Ask again with this justification' }).click();
    await page.getByText('Asked with a written justification').waitFor();
    await eventually(() => page.getByRole('region', { name: 'Residents' }).locator('.withheld').count()).toBe(1);
    expect(await page.getByRole('region', { name: 'Resident 1' }).count()).toBe(0);
  }, 120_000);

  it('shows an analyst the scenario 1 dossier before selection: the address, and its residents only as a count (minimised before selection)', async () => {
    await dossier(SCENARIO_1);
    const bag = page.getByRole('region', { name: 'Gemeente, Basisregistratie Adressen en Gebouwen' });
    await eventually(() => bag.textContent()).toContain('Hazelaarstraat');
    expect(await page.getByRole('region', { name: 'Gemeente, Burgerzaken (BRP)' }).textContent()).toContain('Registered residents3');
    const residents = page.getByRole('region', { name: 'Residents' });
    await eventually(() => residents.locator('.minimised').textContent()).toBe('Given only in minimised form (count): 3. The residents themselves need a selected address.');
    expect(await residents.locator('.withheld').count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Resident 1' }).count()).toBe(0);
    await check('analyst-dossier-before-selection');
    await page.goto(`${product.origin}/#/query`);
    await page.locator('.monaco-editor').first().waitFor({ timeout: 60_000 });
    // Monaco writes spaces as no-break spaces.
    await eventually(async () => (await page.locator('.monaco-editor .view-lines').first().textContent())!.replace(/\s+/g, ' ')).toContain('Signals side by side');
    await check('analyst-query-editor');
    await signOut();
  }, 120_000);

  it("lets a coordinator select the address with a reason, and shows the open case", async () => {
    await signIn('coordinator', 'sociale-dienst');
    // The corporation shares its signals for woonfraude, the story's purpose, not for uitkeringsfraude.
    await page.getByLabel('Purpose').selectOption('woonfraude');
    const row = page.locator(`tr[data-address="${SCENARIO_1}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('woningcorporatie');
    await check('coordinator-overview');
    await row.getByRole('button', { name: `Select address ${SCENARIO_1}` }).click();
    await page.getByLabel(`Reason for selecting address ${SCENARIO_1}`).fill('Overlapping signals from the corporation and the Belastingdienst');
    await page.getByRole('button', { name: 'Select and open a case' }).click();
    await eventually(() => page.getByRole('status').textContent()).toMatch(new RegExp(`Address ${SCENARIO_1} selected: case .+ is open`));
    await eventually(() => row.textContent()).toContain('selected (case');
    expect(await page.locator('section.card').first().textContent()).toContain('Overlapping signals from the corporation and the Belastingdienst');
    // The case's findings are a field of the address, decided on like its reason: released, none yet.
    expect(await page.locator('section.card').first().textContent()).toContain('No findings recorded yet.');
    await check('coordinator-after-selection');
    await signOut();
  }, 120_000);

  it('shows the analyst the allowances after the selection, asked with a written justification', async () => {
    await signIn('analist', 'sociale-dienst');
    // The first look in the new case skips the lower tiers (subsidiarity) on a written justification.
    await page.getByLabel(/^Justification/).fill(JUSTIFICATION);
    await dossier(SCENARIO_1);
    const allowances = residentCard('Belastingdienst / Toeslagen').locator('[data-field="toeslagen"]');
    await eventually(() => allowances.locator('.withheld').count()).toBe(0);
    expect(await page.getByText('Asked with a written justification').count()).toBe(1);
    expect(await allowances.textContent()).toMatch(/soort: \w+/);
    await check('analyst-dossier-after-selection');
    await signOut();
  }, 120_000);

  it("makes a privacy officer's subject-access report for BSN 999990007, and explains a query", async () => {
    await signIn('privacy-officer', 'brp');
    expect(await page.title()).toBe('Person look-up · Doelpoort');
    await page.getByLabel('BSN', { exact: true }).fill(ESMEE);
    await page.getByRole('button', { name: 'Show access' }).click();
    await page.locator('table.timeline tbody tr').first().waitFor();
    expect(await page.locator('table.timeline').textContent()).toContain('sociale-dienst');
    await check('officer-person-look-up');

    await page.goto(`${product.origin}/#/report`);
    await page.getByLabel('BSN', { exact: true }).fill(ESMEE);
    await page.getByRole('button', { name: 'Make the report' }).click();
    const report = page.locator('article.report');
    await report.waitFor();
    expect(await report.getByRole('heading', { level: 2 }).textContent()).toContain('AVG article 15');
    const rows = await report.locator('tbody tr').allTextContents();
    expect(rows.some((r) => r.includes('sociale-dienst') && r.includes('uitkeringsfraude') && /belastingdienst: [^;]*Persoon\.toeslagen/.test(r)), rows.join('\n')).toBe(true);
    expect(await page.title()).not.toContain(ESMEE);
    await check('officer-subject-access-report');

    await page.goto(`${product.origin}/#/explain`);
    await page.getByRole('button', { name: 'Explain' }).click();
    const explanation = page.getByRole('region', { name: 'Explanation' });
    await explanation.waitFor();
    expect(await explanation.textContent()).toContain('The request would be cleared');
    expect(await explanation.locator('tr[data-path="adres.bewoners.*.toeslagen"]').textContent()).toContain('belastingdienst');
    await check('officer-explain');
  }, 120_000);

  it("lets the officer mark a justified release and a refusal as reviewed, shows who reviewed them, and shows the statistics and the chain", async () => {
    await page.goto(`${product.origin}/#/review`);
    const pending = page.locator('section.card').filter({ hasText: 'Persoon.toeslagen' }).first();
    await pending.waitFor();
    expect(await pending.textContent()).toContain(JUSTIFICATION);
    const seq = (await pending.getAttribute('aria-label'))!.replace('Decision ', '');
    const refusal = page.locator('table.refusals tbody tr').first();
    await refusal.waitFor();
    const refusalSeq = (await refusal.getAttribute('data-seq'))!;
    await check('officer-review');
    await pending.getByLabel(`Review note for decision ${seq} (optional)`).fill('Justification read; proportionate');
    await pending.getByRole('button', { name: `Mark decision ${seq} as reviewed` }).click();
    await eventually(() => page.getByRole('status').textContent()).toContain(`Decision ${seq} is marked as reviewed`);
    await eventually(() => page.locator(`section.card[aria-label="Decision ${seq}"]`).count()).toBe(0);
    // A refusal: its review form opens from the table, with the keyboard as with a click.
    await refusal.getByText(`Review decision ${refusalSeq}`).click();
    await refusal.getByRole('button', { name: `Mark decision ${refusalSeq} as reviewed` }).click();
    await eventually(() => page.getByRole('status').textContent()).toContain(`Decision ${refusalSeq} is marked as reviewed`);
    await eventually(() => page.locator(`table.refusals tbody tr[data-seq="${refusalSeq}"]`).textContent()).toMatch(/Reviewed by emp-001 on \d/);
    const reviewed = page.locator('table.reviewed tbody tr');
    await eventually(() => reviewed.count()).toBe(2);
    const cells = (n: string) => page.locator(`table.reviewed tbody tr[data-seq="${n}"] td`).allTextContents();
    const [, field, outcome, , by, on, note] = await cells(seq);
    expect([field, outcome, by, note]).toEqual(['Persoon.toeslagen', 'released on a written justification', 'emp-001', 'Justification read; proportionate']);
    expect(on).toMatch(/\d{4}/);
    expect((await cells(refusalSeq)).filter((_, i) => [2, 4, 6].includes(i))).toEqual(['refused', 'emp-001', '—']);
    await check('officer-review-after-marking');
    await page.goto(`${product.origin}/#/statistics`);
    await page.locator('.chart svg').first().waitFor();
    expect(await page.locator('.chart').count()).toBe(3);
    await check('officer-statistics');
    await page.goto(`${product.origin}/#/chain`);
    await page.getByRole('button', { name: 'Verify the chain now' }).click();
    await eventually(() => page.locator('.utrecht-alert').textContent()).toContain('The chain is intact');
    await check('officer-chain');
  }, 120_000);

  it('asked for no URL with a BSN in it, and the page raised no error', () => {
    expect(driven.urls.length).toBeGreaterThan(10);
    expect(driven.urls.filter((url) => NINE_DIGITS.test(new URL(url).pathname + new URL(url).search))).toEqual([]);
    expect(driven.problems).toEqual([]);
  });
});
