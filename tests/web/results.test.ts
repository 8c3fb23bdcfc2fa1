/**
 * The coordinator's results page in a real browser (Debian's Chromium), on the whole product: the
 * project's outcomes per partner and kind, with the suppressed cells shown as such and nothing of
 * them on screen; axe-core on the page. The outcomes are recorded through the API first, as the
 * partners record them (issue 16, item 6).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT, startProduct, type Product } from '../helpers/product.ts';
import { drive, findChromium, seriousViolations, type Driven } from './browser.ts';

const chromiumPath = findChromium();
const eventually = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 30_000, interval: 200 });
/** Lindelaan 3, 7 and 11 (scenario 3): each has signals from two partners. */
const LINDELAAN = ['9999200000900009', '9999200000900010', '9999200000900011'];

if (!chromiumPath) process.stderr.write('\nBROWSER TESTS NOT RUN: no Chromium on this machine (apt-get install -y chromium, or set DOELPOORT_CHROMIUM).\n\n');

describe.skipIf(!chromiumPath)('the results page in a browser', () => {
  let product: Product;
  let driven: Driven;
  let page: Page;

  beforeAll(async () => {
    product = await startProduct();
    const coordinator = await product.token('coordinator', 'sociale-dienst');
    const socialService = await product.token('analist', 'sociale-dienst');
    const belastingdienst = await product.token('analist', 'belastingdienst');
    for (const [i, adresId] of LINDELAAN.entries()) {
      const selected = await product.query(coordinator, 'uitkeringsfraude', `mutation { selecteerAdres(project: "${PROJECT}", adresId: "${adresId}", reden: "Overlapping signals of two partners on this address.") { id } }`);
      const zaakId = (selected.body.data?.['selecteerAdres'] as { id: string }).id;
      const recovered = await product.query(socialService, 'uitkeringsfraude', `mutation { legUitkomstVast(zaakId: "${zaakId}", soort: "teruggevorderd", bedragEuro: ${(i + 1) * 1000}, toelichting: "Assistance recovered over the months it was paid alongside income.") { soort } }`);
      expect(recovered.body.errors).toBeUndefined();
      if (i === 0) {
        const adjusted = await product.query(belastingdienst, 'uitkeringsfraude', `mutation { legUitkomstVast(zaakId: "${zaakId}", soort: "uitkering-aangepast", bedragEuro: 1200, toelichting: "The allowance is adjusted to the household's real income.") { soort } }`);
        expect(adjusted.body.errors).toBeUndefined();
      }
    }
    driven = await drive(chromiumPath!);
    page = driven.page;
  }, 300_000);
  afterAll(async () => {
    await driven?.browser.close();
    await product?.stop();
    await product?.cleanup();
  });

  it('shows a coordinator the cases and amounts per partner and outcome, a small cell as suppressed, and offers the CSV', async () => {
    await page.goto(`${product.origin}/`);
    await page.getByLabel('Role').selectOption('coordinator');
    await page.getByLabel('Organisation').selectOption('sociale-dienst');
    await page.getByLabel('Project').selectOption(PROJECT);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Results' }).click();
    const table = page.getByRole('table', { name: 'Outcomes per partner and kind' });
    const cell = (name: string) => table.locator(`tr[data-cell="${name}"]`);
    await eventually(() => cell('sociale-dienst|teruggevorderd').textContent()).toMatch(/^sociale-dienstteruggevorderd3€\s6\.000$/);
    // One case: its figures are not given, and the row says why.
    expect(await cell('belastingdienst|uitkering-aangepast').textContent()).toBe('belastingdienstuitkering-aangepastsuppressed (fewer than 3 cases)');
    expect(await table.locator('tbody tr').count()).toBe(2);
    expect(await page.getByText(/3 cases opened, 0 home visits/).count()).toBe(1);
    const csv = page.getByRole('link', { name: 'Download as CSV' });
    expect(decodeURIComponent((await csv.getAttribute('href'))!.replace(/^data:text\/csv;charset=utf-8,/, ''))).toBe(
      'organisatie,soort,aantal_zaken,totaal_bedrag_euro,onderdrukt\nbelastingdienst,uitkering-aangepast,,,ja\nsociale-dienst,teruggevorderd,3,6000,nee\n',
    );
    expect(await seriousViolations(page), 'axe on the results page').toEqual([]);
    expect(driven.problems).toEqual([]);
  }, 120_000);
});
