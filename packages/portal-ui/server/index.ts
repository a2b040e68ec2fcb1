// The portal web app for servers: its build (Vite, when stale) and a handler serving a built directory.
export { ensureUiBuilt, uiBuildIsFresh, uiDistDir } from './build.ts';
export { createUiHandler } from './static.ts';
