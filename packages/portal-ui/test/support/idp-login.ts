import type { Page } from 'playwright-core';

/** The dev IdP's login form (the portal sent the browser there): signs in as `email` (password portico). */
export async function signInAtIdp(page: Page, idpPort: number, email = 'developer@example.com'): Promise<void> {
  await page.waitForURL((u) => u.host === `localhost:${idpPort}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('portico');
  await page.getByRole('button', { name: 'Sign in' }).click();
}
