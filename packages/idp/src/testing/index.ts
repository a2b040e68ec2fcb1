export { CookieJar, ScriptedBrowser } from './browser.ts';
export type { FollowResult } from './browser.ts';
