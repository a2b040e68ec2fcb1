// Serves the built portal web app. The app is built with Vite on first use (and rebuilt when its sources are newer
// than the build), so `npm start` on a fresh clone needs no separate build step.
export { ensureUiBuilt, uiDistDir } from './build.ts';
export { createUiHandler } from './static.ts';
