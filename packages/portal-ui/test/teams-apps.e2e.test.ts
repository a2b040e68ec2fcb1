// Issue 16 item 6: the teams-and-apps pages of the web app in Debian's Chromium, on the example teams-and-apps
// portal (examples/teams-apps, ports replaced) against real servers — portal server (on its own sqlite database),
// dev IdP (login form, dynamic client registration), gateway with the portalAuth step — in one browser session: a member creates a team (adds and removes a member), an app, an API
// key (shown once, copied) and an OAuth client (secret shown once), subscribes the app to tracks (pending: the
// key gets 403 at the gateway); an admin approves (→ 200), sets a rate limit, rejects (→ 403). axe checks each
// page; the console must stay clean but for the failures the pages cause on purpose (the model detection's 404 on
// /v1/apis, the 404 that says the app has no OAuth client yet, a refused team deletion). On failure: screenshots and the console log in
// test-artifacts/portal-ui/teams-apps-e2e/.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startDemo } from '@portico/demo';
import { startIdp } from '@portico/idp';
import { createDcrConnector } from '@portico/portal-apps';
import { skipReason, until } from '@portico/testing';
import { http } from '../../portal-server/test/support/http.ts';
import { freePort, quickstartIdpConfig } from '../../portal-server/test/support/quickstart.ts';

const EXAMPLE = new URL('../../../examples/teams-apps/teams-apps-portal.yaml', import.meta.url);
import { startStack } from '../../portal-server/test/support/stack.ts';
import { ensureUiBuilt } from '../server/index.ts';
import { seriousA11yViolations } from './support/axe.ts';
import { signInAtIdp } from './support/idp-login.ts';
import { chromiumInstalled, launchChromium, type Browser, type ConsoleEntry } from './support/chromium.ts';

const REGISTRATION_TOKEN = randomBytes(24).toString('base64url');

test('teams-and-apps pages in Chromium: team, app, key shown once, subscription pending → approved (200) → rejected (403)', { skip: skipReason(chromiumInstalled(), 'chromium is not installed (.ci/run installs the Debian package)') }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'portico-apps-ui-'));
  const demo = await startDemo({ petstorePort: 0, tracksPort: 0 });
  const idpPort = await freePort();
  const issuer = `http://localhost:${idpPort}`;
  const stack = await startStack({
    stateDir: join(dir, 'state'), redisUrl: null, portalAuth: { issuer, idTokenAudiences: ['portal-client'] }, uiDir: await ensureUiBuilt(),
    portalDb: join(dir, 'portal.db'),
    portalIdp: createDcrConnector({ registrationEndpoint: `${issuer}/reg`, initialAccessToken: REGISTRATION_TOKEN, sealKey: randomBytes(32) }),
  });
  const gw = stack.gatewayPort;
  const idpConfig = join(dir, 'idp.yaml');
  await writeFile(idpConfig, quickstartIdpConfig(gw).replaceAll('apps.localhost:8080', `apps.localhost:${gw}`));
  const idp = await startIdp({ port: idpPort, issuer, stateDir: dir, config: idpConfig, persistGrants: false, registrationToken: REGISTRATION_TOKEN });
  let browser: Browser | null = null;
  t.after(async () => {
    await browser?.close();
    await stack.close();
    await idp.close();
    await demo.close();
    await rm(dir, { recursive: true, force: true });
  });
  const manifests = (await readFile(EXAMPLE, 'utf8'))
    .replaceAll('http://localhost:9000', issuer)
    .replaceAll('apps.localhost:8080', 'apps.localhost:{{GATEWAY_PORT}}')
    .replaceAll('number: 8082', `number: ${demo.tracks.port}`)
    .replaceAll('number: 8090', 'number: {{PORTAL_PORT}}');
  await stack.apply(manifests);

  const portal = `http://apps.localhost:${gw}`;
  const tracks = (apiKey: string) => http(gw, 'apps-api.localhost', '/trackapi/tracks', { headers: { 'api-key': apiKey } });
  /** The gateway's answer once it is `status` (revocation and approval reach ext-auth within 1 s). */
  const tracksAnswers = (apiKey: string, status: number) => until(async () => ((await tracks(apiKey)).status === status ? true : undefined), `the key gets ${status}`, 1000, 20);
  browser = await launchChromium();
  const { page } = browser;
  const a11y = async (what: string) => assert.deepEqual(await seriousA11yViolations(page), [], `accessibility of ${what}`);
  const nav = (name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
  try {
    // Logged out: the portal is detected as teams-and-apps (GET /v1/apis 404, /v1/api-products with ids).
    await page.goto(`${portal}/`);
    await page.getByRole('heading', { level: 1, name: 'API products' }).waitFor();
    await page.getByRole('link', { name: 'Catstronauts Tracks' }).waitFor();
    await nav('My teams').waitFor();
    assert.equal(await nav('My API keys').count(), 0, 'no usage-plans pages on a teams-and-apps portal');
    await a11y('the teams-and-apps catalog');

    await page.getByRole('banner').getByRole('button', { name: 'Log in' }).click();
    await signInAtIdp(page, idpPort, 'developer@example.com');
    await page.waitForURL(`${portal}/`);
    await page.getByTestId('user-name').getByText('Developer').waitFor();

    // A team; a member added by e-mail (invited until first login), then removed with the keyboard.
    await nav('My teams').click();
    await page.getByRole('heading', { level: 1, name: 'My teams' }).waitFor();
    await page.getByLabel('Team name').fill('Space cats');
    await page.getByRole('button', { name: 'Create team' }).click();
    await page.getByRole('heading', { level: 1, name: 'Space cats' }).waitFor();
    // A team that still has a member cannot be deleted: the server's 400 message is shown.
    await page.getByText('Edit or delete this team').click();
    await page.getByRole('button', { name: 'Delete team' }).click();
    await page.getByRole('dialog', { name: 'Delete this team?' }).getByRole('button', { name: 'Delete team' }).click();
    await page.getByRole('alert').filter({ hasText: /The team was not deleted: .*still has 1 member/ }).waitFor();
    await page.getByLabel('E-mail address').fill('partner@example.com');
    await page.getByRole('button', { name: 'Add member' }).click();
    const partner = page.getByRole('row').filter({ hasText: 'partner@example.com' });
    await partner.getByText('Invited').waitFor();
    await a11y('the team page');
    await page.getByRole('button', { name: 'Remove partner@example.com from the team' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Remove this member?' }).waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await partner.waitFor({ state: 'detached' });

    // An app of the team, with an API key shown once (and copied) and an OAuth client whose secret is shown once.
    await page.getByLabel('App name').fill('Tracker');
    await page.getByRole('button', { name: 'Create app' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tracker' }).waitFor();
    await page.getByLabel('Key name').fill('ci');
    await page.getByRole('button', { name: 'Create key' }).click();
    const shown = page.getByRole('region', { name: 'Your new key "ci"' });
    await shown.getByText("You won't see this again.").waitFor();
    const apiKey = (await page.getByTestId('new-app-api-key').innerText()).trim();
    assert.ok(apiKey.length >= 32, `an API key: ${apiKey}`);
    await shown.getByRole('button', { name: 'Copy the key ci' }).click();
    await shown.getByRole('button', { name: 'Copied the key ci' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), apiKey);
    await page.getByRole('list', { name: 'API keys' }).getByText('ci').waitFor();
    await page.getByRole('button', { name: 'Create OAuth client' }).click();
    const client = page.getByRole('region', { name: 'Your new OAuth client' });
    await client.getByText("You won't see this again.").waitFor();
    assert.ok((await page.getByTestId('new-client-secret').innerText()).trim().length >= 16, 'the client secret is shown');
    const clientId = (await page.getByTestId('oauth-client-id').innerText()).trim();
    assert.ok(clientId, 'the client id stays listed');

    // Subscribe to tracks: pending, and the key is refused at the gateway.
    await page.getByRole('form', { name: 'Subscribe to an API product' }).getByRole('combobox').selectOption({ label: 'Catstronauts Tracks for apps' });
    await page.getByRole('button', { name: 'Subscribe' }).click();
    const subscription = page.getByTestId('subscription-tracks-for-apps');
    await subscription.getByText('Pending approval').waitFor();
    await a11y('the app page with its new secrets');
    const pending = await until(async () => {
      const r = await tracks(apiKey);
      return /pending approval/.test(r.text) ? r : undefined;
    }, 'the key is refused as pending within 1 s', 1000, 20);
    assert.equal(pending.status, 403, pending.text);

    // Secrets are shown once: after "I have copied it" and a reload, only names and the client id remain.
    await shown.getByRole('button', { name: 'I have copied it' }).click();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Tracker' }).waitFor();
    await page.getByTestId('oauth-client-id').waitFor();
    assert.equal(await page.getByTestId('new-app-api-key').count(), 0);
    assert.equal(await page.getByTestId('new-client-secret').count(), 0);
    assert.ok(!(await page.content()).includes(apiKey), 'the key is nowhere in the page');

    // The admin: approve (→ 200 through the gateway), set a limit, reject (→ 403).
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL((u) => u.host === `localhost:${idpPort}` || u.origin === portal);
    if (new URL(page.url()).host === `localhost:${idpPort}`) await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('banner').getByRole('button', { name: 'Log in' }).click();
    await signInAtIdp(page, idpPort, 'admin@example.com');
    await page.waitForURL((u) => u.origin === portal);
    await nav('Subscriptions').click();
    await page.getByRole('heading', { level: 1, name: 'Subscriptions' }).waitFor();
    const item = page.getByRole('listitem', { name: /Tracker → Catstronauts Tracks/ });
    await item.getByText('Pending approval').waitFor();
    await a11y('the admin subscriptions page');
    await item.getByRole('button', { name: 'Approve Tracker for Catstronauts Tracks for apps' }).click();
    await item.waitFor({ state: 'detached' }); // no longer pending
    await tracksAnswers(apiKey, 200);

    await page.getByRole('combobox', { name: /^Show/ }).selectOption({ label: 'Approved' });
    await item.getByText('Approved').waitFor();
    await item.getByText('Metadata and rate limit', { exact: true }).click();
    await item.getByLabel('Requests per unit').waitFor();
    await item.getByRole('combobox', { name: /^Unit/ }).selectOption({ label: 'per minute' });
    await item.getByLabel('Requests per unit').fill('3');
    await item.getByRole('button', { name: 'Add metadata entry' }).click();
    await item.getByLabel('Key 1').fill('tier');
    await item.getByLabel('Value 1').fill('gold');
    await item.getByRole('button', { name: 'Save metadata and limit' }).click();
    await item.getByText('Rate limit: 3 per minute').waitFor();
    await a11y('the admin page with the metadata form open');

    await item.getByRole('button', { name: 'Reject Tracker for Catstronauts Tracks for apps' }).click();
    await item.waitFor({ state: 'detached' });
    const rejected = await until(async () => {
      const r = await tracks(apiKey);
      return r.status === 403 ? r : undefined;
    }, 'the rejected key gets 403 within 1 s', 1000, 20);
    assert.match(rejected.json().message, /was rejected/);
    await page.getByRole('combobox', { name: /^Show/ }).selectOption({ label: 'Rejected' });
    await item.getByText('Rejected', { exact: true }).waitFor();

    // The admin's app page (reached from the subscription): the app's own limit, which applies where a
    // subscription sets none; admins get no key or subscribe forms.
    await item.getByRole('link', { name: 'Tracker' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tracker' }).waitFor();
    const appMeta = page.getByRole('form', { name: 'App metadata and rate limit (admins)' });
    await appMeta.getByRole('combobox', { name: /^Unit/ }).selectOption({ label: 'per hour' });
    await appMeta.getByLabel('Requests per unit').fill('100');
    await appMeta.getByRole('button', { name: 'Save metadata and limit' }).click();
    await page.getByText('Rate limit: 100 per hour').waitFor();
    assert.equal(await page.getByRole('form', { name: 'Subscribe to an API product' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Create key' }).count(), 0);
    await page.getByRole('list', { name: 'API keys' }).getByText('ci').waitFor();
    await a11y("the admin's view of an app");

    // Failures the pages cause on purpose: the model detection's GET /v1/apis (404 on teams-and-apps portals), the
    // 404 of an app without an OAuth client, and the refused deletion of a team that has a member (400).
    const expected: [string | RegExp, number][] = [
      [`${portal}/v1/apis`, 404],
      [new RegExp(`^${portal}/v1/apps/[^/]+/oauth-credentials$`), 404],
      [new RegExp(`^${portal}/v1/teams/[^/]+$`), 400],
    ];
    const caused = (e: ConsoleEntry) =>
      e.type === 'console' && expected.some(([u, status]) => e.text.includes(`status of ${status}`) && (typeof u === 'string' ? e.url === u : u.test(e.url)));
    assert.deepEqual(browser.errors.filter((e) => !caused(e)), []);
  } catch (err) {
    const where = await browser.saveArtifacts('teams-apps-e2e');
    t.diagnostic(`screenshots and console log in ${where}`);
    throw err;
  }
});
