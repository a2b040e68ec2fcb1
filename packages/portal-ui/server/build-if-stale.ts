// `node packages/portal-ui/server/build-if-stale.ts`: builds the web app when its build is missing or stale
// (npm test runs it once before the test files, so parallel test processes never build at the same time).
import { ensureUiBuilt } from './build.ts';

await ensureUiBuilt();
