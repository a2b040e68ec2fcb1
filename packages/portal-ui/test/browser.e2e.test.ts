// Issue 7 "done when": the developer portal web app in Debian's Chromium, on the quickstart manifests, through the
// gateway, with the app served by the portal server as `portico up` serves it — open the catalog, log in through
// the dev IdP's login form and come back to the same page, open tracks v1, create an API key (shown once, copy
// button), call GET /trackapi/tracks from Swagger UI's try-it (200), delete the key with confirmation, call again
// with the deleted key (401), log out (logged-out state). The console must stay free of errors; the one exception
// is the 401 this test causes on purpose, which Chromium reports as a failed resource load of that exact URL.
// On failure: screenshots and the console log in test-artifacts/portal-ui/<test>/.
// PORTICO_UPDATE_SCREENSHOT=1 also writes docs/images/portal-catalog.png from the running quickstart.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startDemo } from '@portico/demo';
import { startIdp } from '@portico/idp';
import type { Page } from 'playwright-core';
import { freePort, quickstartIdpConfig, quickstartManifests } from '../../portal-server/test/support/quickstart.ts';
import { startStack } from '../../portal-server/test/support/stack.ts';
import { chromiumInstalled, launchChromium, type Browser, type ConsoleEntry } from './support/chromium.ts';

const SCREENSHOT = new URL('../../../docs/images/portal-catalog.png', import.meta.url);

/** Swagger UI's GET /trackapi/tracks operation: try-it is on (tryItOutEnabled), so Execute is there at once. */
async function executeListTracks(page: Page): Promise<string> {
  const op = page.locator('.opblock-get').filter({ has: page.locator('.opblock-summary-path', { hasText: /^\/trackapi\/tracks$/ }) });
  if (!(await op.locator('.opblock-body').isVisible())) await op.locator('.opblock-summary').first().click();
  const tryOut = op.locator('button.try-out__btn', { hasText: 'Try it out' });
  if (await tryOut.isVisible()) await tryOut.click();
  await op.locator('button.execute').click();
  const status = op.locator('.live-responses-table .response .response-col_status').first();
  await status.waitFor();
  return (await status.innerText()).trim().split(/\s+/)[0]!; // e.g. "401\nUndocumented"
}

test('developer portal in Chromium: login, key, try-it 200, delete, 401, logout', { skip: !chromiumInstalled() && 'chromium is not installed (.ci/run installs the Debian package)' }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'portico-ui-e2e-'));
  const demo = await startDemo({ petstorePort: 0, tracksPort: 0 });
  const idpPort = await freePort();
  const issuer = `http://localhost:${idpPort}`;
  const stack = await startStack({ stateDir: join(dir, 'state'), redisUrl: null, portalAuth: { issuer, idTokenAudiences: ['portal-client'] }, ui: true });
  const gw = stack.gatewayPort;
  const idpConfig = join(dir, 'idp.yaml');
  await writeFile(idpConfig, quickstartIdpConfig(gw));
  const idp = await startIdp({ port: idpPort, issuer, stateDir: dir, config: idpConfig, persistGrants: false });
  let browser: Browser | null = null;
  t.after(async () => {
    await browser?.close();
    await stack.close();
    await idp.close();
    await demo.close();
    await rm(dir, { recursive: true, force: true });
  });
  await stack.apply(quickstartManifests({ issuer, petstore: demo.petstore.port, tracks: demo.tracks.port }));

  const portal = `http://portal.localhost:${gw}`;
  browser = await launchChromium();
  const { page } = browser;
  const tracksUrl = `${portal}/trackapi/tracks`;
  try {
    // The catalog, logged out: both products, a Log in button.
    await page.goto(`${portal}/`);
    await page.getByRole('heading', { level: 1, name: 'API products' }).waitFor();
    await page.getByRole('link', { name: 'Catstronauts Tracks' }).waitFor();
    await page.getByRole('link', { name: 'Petstore' }).waitFor();
    if (process.env.PORTICO_UPDATE_SCREENSHOT === '1') await page.screenshot({ path: SCREENSHOT.pathname });

    // Log in on the product page: through the IdP's form and back to the same page.
    await page.getByRole('link', { name: 'Catstronauts Tracks' }).click();
    await page.getByRole('heading', { level: 1, name: 'Catstronauts Tracks' }).waitFor();
    const productUrl = page.url();
    assert.equal(new URL(productUrl).pathname, '/products/tracks');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL((u) => u.host === `localhost:${idpPort}`);
    await page.getByLabel('Email').fill('developer@example.com');
    await page.getByLabel('Password').fill('portico');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(productUrl);
    assert.equal(await page.getByTestId('user-name').innerText(), 'Developer');

    // tracks v1: its facts and the reference.
    await page.getByRole('heading', { level: 2, name: /Tracks REST API/ }).waitFor();
    await page.getByText('Learning tracks for space-faring cats.').first().waitFor();

    // Create a key: shown once, with a copy button that really copies it.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My API keys' }).click();
    await page.getByRole('heading', { level: 1, name: 'My API keys' }).waitFor();
    await page.getByLabel('Usage plan').selectOption('bronze');
    await page.getByLabel('Key name').fill('browser e2e');
    await page.getByRole('button', { name: 'Create key' }).click();
    const key = (await page.getByTestId('new-api-key').innerText()).trim();
    assert.match(key, /^pk_[A-Za-z0-9_-]{40,}$/);
    await page.getByRole('button', { name: 'Copy the key browser e2e' }).click();
    await page.getByRole('button', { name: 'Copy the key browser e2e' }).filter({ hasText: 'Copied' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), key);
    await page.getByRole('listitem').filter({ hasText: 'browser e2e' }).waitFor();

    // Try-it with the key (filled in for this tab): 200 through the gateway on the portal's origin.
    await page.goto(productUrl);
    await page.getByRole('heading', { level: 2, name: 'API reference' }).waitFor();
    assert.equal(await page.getByLabel('API key for try-it').inputValue(), key);
    assert.equal(await executeListTracks(page), '200');
    assert.match(await page.locator('.live-responses-table .response-col_description pre').first().innerText(), /Cat-stronomy/);

    // Delete the key, confirming in the dialog.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My API keys' }).click();
    await page.getByRole('button', { name: 'Delete the key browser e2e' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this API key?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Delete key' }).click();
    await page.getByRole('listitem').filter({ hasText: 'browser e2e' }).waitFor({ state: 'detached' });

    // The deleted key, pasted into try-it: 401 from the gateway.
    await page.goto(productUrl);
    await page.getByRole('heading', { level: 2, name: 'API reference' }).waitFor();
    assert.equal(await page.getByLabel('API key for try-it').inputValue(), '', 'the deleted key is forgotten');
    await page.getByLabel('API key for try-it').fill(key);
    assert.equal(await executeListTracks(page), '401');

    // Log out: ext-auth ends the session, the IdP asks to confirm, back at the portal logged out.
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL((u) => u.host === `localhost:${idpPort}` || u.origin === portal);
    if (new URL(page.url()).host === `localhost:${idpPort}`) await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((u) => u.origin === portal);
    await page.getByRole('banner').getByRole('button', { name: 'Log in' }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My API keys' }).click();
    await page.getByText('Log in to manage your API keys.').waitFor();

    // A clean console, except the 401 caused on purpose above (Chromium logs a failed resource load for it).
    const expected = (e: ConsoleEntry) => e.type === 'console' && e.url === tracksUrl && /status of 401/.test(e.text);
    assert.deepEqual(browser.errors.filter((e) => !expected(e)), []);
  } catch (err) {
    const where = await browser.saveArtifacts('browser-e2e');
    t.diagnostic(`screenshots and console log in ${where}`);
    throw err;
  }
});
