// Debian's Chromium driven by playwright-core for the browser tests: the system binary (never a browser
// download), a fresh profile per run, and a record of everything the page logs as an error so a test can
// assert a clean console and save it — with screenshots — under test-artifacts/ when it fails.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.PORTICO_CHROMIUM ?? '/usr/bin/chromium';
export const ARTIFACTS = new URL('../../../../test-artifacts/portal-ui/', import.meta.url);

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface ConsoleEntry {
  type: 'console' | 'pageerror';
  text: string;
  url: string;
  page: string;
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** console 'error' messages and uncaught page errors, in order. */
  errors: ConsoleEntry[];
  /** every console message (all types), for the artifacts. */
  log: string[];
  saveArtifacts(name: string): Promise<string>;
  close(): Promise<void>;
}

export function chromiumInstalled(): boolean {
  return existsSync(CHROMIUM);
}

export async function launchChromium(opts: { viewport?: { width: number; height: number } } = {}): Promise<Browser> {
  const profile = await mkdtemp(join(tmpdir(), 'portico-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: opts.viewport ?? { width: 1280, height: 900 },
    // The copy button writes to the clipboard; the test reads it back.
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  context.setDefaultTimeout(15_000);
  const errors: ConsoleEntry[] = [];
  const log: string[] = [];
  const watch = (page: Page) => {
    page.on('console', (m) => {
      const url = m.location().url;
      log.push(`[${new Date().toISOString()}] ${m.type()} ${page.url()} ${m.text()}${url ? ` (${url})` : ''}`);
      if (m.type() === 'error') errors.push({ type: 'console', text: m.text(), url, page: page.url() });
    });
    page.on('pageerror', (e) => {
      log.push(`[${new Date().toISOString()}] pageerror ${page.url()} ${e.stack ?? e.message}`);
      errors.push({ type: 'pageerror', text: e.message, url: '', page: page.url() });
    });
  };
  context.on('page', watch);
  const page = context.pages()[0] ?? (await context.newPage());
  watch(page);
  return {
    context,
    page,
    errors,
    log,
    async saveArtifacts(name) {
      const dir = new URL(`${name}/`, ARTIFACTS);
      await mkdir(dir, { recursive: true });
      for (const [i, p] of context.pages().entries()) {
        await p.screenshot({ path: new URL(`page-${i}.png`, dir).pathname, fullPage: true }).catch(() => undefined);
      }
      await writeFile(new URL('console.log', dir), log.join('\n') + '\n');
      return dir.pathname;
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
