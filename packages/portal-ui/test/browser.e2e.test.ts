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
import { seriousA11yViolations } from './support/axe.ts';
import { signInAtIdp } from './support/idp-login.ts';
import { skipReason } from '@portico/testing';
import { chromiumInstalled, launchChromium, type Browser, type ConsoleEntry } from './support/chromium.ts';
import { ensureUiBuilt } from '../server/index.ts';

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

test('developer portal in Chromium: login, key, try-it 200, delete, 401, logout', { skip: skipReason(chromiumInstalled(), 'chromium is not installed (.ci/run installs the Debian package)') }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'portico-ui-e2e-'));
  const demo = await startDemo({ petstorePort: 0, tracksPort: 0 });
  const idpPort = await freePort();
  const issuer = `http://localhost:${idpPort}`;
  const stack = await startStack({ stateDir: join(dir, 'state'), redisUrl: null, portalAuth: { issuer, idTokenAudiences: ['portal-client'] }, uiDir: await ensureUiBuilt() });
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
  const manifests = quickstartManifests({ issuer, petstore: demo.petstore.port, tracks: demo.tracks.port });
  await stack.apply(manifests);

  const portal = `http://portal.localhost:${gw}`;
  browser = await launchChromium();
  const { page } = browser;
  const tracksUrl = `${portal}/trackapi/tracks`;
  const a11y = async (what: string) => assert.deepEqual(await seriousA11yViolations(page), [], `accessibility of ${what}`);
  const nav = (name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });
  try {
    // The catalog, logged out: both products, a Log in button; the skip link is the first Tab stop.
    await page.goto(`${portal}/`);
    await page.getByRole('heading', { level: 1, name: 'API products' }).waitFor();
    await page.getByRole('link', { name: 'Catstronauts Tracks' }).waitFor();
    await page.getByRole('link', { name: 'Petstore' }).waitFor();
    if (process.env.PORTICO_UPDATE_SCREENSHOT === '1') await page.screenshot({ path: SCREENSHOT.pathname, clip: { x: 0, y: 0, width: 1280, height: 560 } });
    await a11y('the catalog');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to content');

    // Log in on the product page: through the IdP's form and back to the same page.
    await page.getByRole('link', { name: 'Catstronauts Tracks' }).click();
    await page.getByRole('heading', { level: 1, name: 'Catstronauts Tracks' }).waitFor();
    const productUrl = page.url();
    assert.equal(new URL(productUrl).pathname, '/products/tracks');
    await page.getByRole('button', { name: 'Log in' }).click();
    await signInAtIdp(page, idpPort);
    await page.waitForURL(productUrl);
    assert.equal(await page.getByTestId('user-name').innerText(), 'Developer');

    // tracks v1: its facts and the reference.
    await page.getByRole('heading', { level: 2, name: /Tracks REST API/ }).waitFor();
    await page.getByText('Learning tracks for space-faring cats.').first().waitFor();

    // Create a key: shown once, with a copy button that really copies it.
    await nav('My API keys').click();
    await page.getByRole('heading', { level: 1, name: 'My API keys' }).waitFor();
    await page.getByLabel('Usage plan').selectOption('bronze');
    await page.getByLabel('Key name').fill('browser e2e');
    await page.getByRole('button', { name: 'Create key' }).click();
    const key = (await page.getByTestId('new-api-key').innerText()).trim();
    assert.match(key, /^pk_[A-Za-z0-9_-]{40,}$/);
    await page.getByRole('button', { name: 'Copy the key browser e2e' }).click();
    await page.getByRole('button', { name: 'Copied the key browser e2e' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), key);
    await page.getByRole('listitem').filter({ hasText: 'browser e2e' }).waitFor();
    await a11y('My API keys');

    // A refused submit (the name is taken: 409) shows the server's message and keeps what was typed.
    await page.getByLabel('Key name').fill('browser e2e');
    await page.getByRole('button', { name: 'Create key' }).click();
    await page.locator('#create-error').waitFor();
    assert.equal(await page.getByLabel('Key name').inputValue(), 'browser e2e');

    // An expired session (the cookie no longer validates): the submit sends the user through the login and
    // back to this page, with the form as it was typed.
    const cookies = await browser.context.cookies(portal);
    assert.ok(cookies.some((c) => c.name === 'id_token'), 'session cookie id_token');
    await browser.context.addCookies(cookies.filter((c) => c.name === 'id_token').map((c) => ({ ...c, value: 'expired' })));
    await page.getByLabel('Usage plan').selectOption('gold');
    await page.getByLabel('Key name').fill('typed before expiry');
    // The IdP still has its own session, so the round trip may end on /keys without showing a form: wait for the
    // next page load, whichever it is.
    const left = page.waitForEvent('load');
    await page.getByRole('button', { name: 'Create key' }).click();
    await left;
    if (new URL(page.url()).host === `localhost:${idpPort}`) await signInAtIdp(page, idpPort);
    await page.waitForURL(`${portal}/keys`);
    await page.getByRole('heading', { level: 1, name: 'My API keys' }).waitFor();
    assert.equal(await page.getByLabel('Key name').inputValue(), 'typed before expiry');
    assert.equal(await page.getByLabel('Usage plan').inputValue(), 'gold');
    await page.getByLabel('Key name').fill('');

    // A server error (the Portal is briefly gone): a readable message and a retry that works once it is back.
    await stack.controlPlane.store.delete('Portal', 'developer-portal', 'developer-portal');
    await stack.controlPlane.reconciler.waitFor();
    await nav('Usage plans').click();
    const failure = page.getByRole('alert').filter({ hasText: 'Could not load the usage plans.' });
    await failure.waitFor();
    assert.match(await failure.innerText(), /portal config not found for host: portal\.localhost/);
    await stack.apply(manifests);
    await failure.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('rowheader', { name: /Bronze/ }).waitFor();
    await a11y('Usage plans');

    // Try-it with the key (filled in for this tab): 200 through the gateway on the portal's origin.
    await page.goto(productUrl);
    await page.getByRole('heading', { level: 2, name: 'API reference' }).waitFor();
    assert.equal(await page.getByLabel('API key for try-it').inputValue(), key);
    assert.equal(await executeListTracks(page), '200');
    assert.match(await page.locator('.live-responses-table .response-col_description pre').first().innerText(), /Cat-stronomy/);
    await a11y('the product page with its API reference');

    // Delete the key with the keyboard: the dialog opens on Cancel, Tab reaches "Delete key".
    await nav('My API keys').click();
    await page.getByRole('button', { name: 'Delete the key browser e2e' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Delete this API key?' });
    await dialog.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Cancel');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Delete key');
    await page.keyboard.press('Enter');
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
    await nav('My API keys').click();
    await page.getByText('Log in to manage your API keys.').waitFor();

    // A clean console, except the failed requests this test causes on purpose; Chromium logs each as
    // "Failed to load resource: … status of N" with the request's URL: the 409 duplicate name and the 401 of the
    // expired session (POST /v1/api-keys), the 404 while the Portal was gone (/v1/usage-plans), the try-it 401.
    const expected: [string, number][] = [[`${portal}/v1/api-keys`, 409], [`${portal}/v1/api-keys`, 401], [`${portal}/v1/usage-plans`, 404], [tracksUrl, 401]];
    const caused = (e: ConsoleEntry) => e.type === 'console' && expected.some(([url, status]) => e.url === url && e.text.includes(`status of ${status}`));
    assert.deepEqual(browser.errors.filter((e) => !caused(e)), []);
  } catch (err) {
    const where = await browser.saveArtifacts('browser-e2e');
    t.diagnostic(`screenshots and console log in ${where}`);
    throw err;
  }
});
