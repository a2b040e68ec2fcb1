// @portico/cli — the `portico` command and its reusable pieces.
export { buildProgram } from './program.ts';
export { COMMANDS } from './commands/index.ts';
export type { RegisterCommand } from './commands/index.ts';
export { applyQuickstart, QUICKSTART_DIR, startAll } from './commands/up.ts';
export type { RunningPortico } from './commands/up.ts';
export { resolveUpSettings, UP_ENV } from './up/settings.ts';
export { openSharedState } from './up/shared-state.ts';
export { indexApiKeys } from './up/key-index.ts';
export type { SharedState } from './up/shared-state.ts';
export type { UpFlags, UpSettings } from './up/settings.ts';
export { AdminClient, DEFAULT_SERVER, serverUrl } from './client.ts';
export { processIO } from './context.ts';
export type { CliIO } from './context.ts';
export { CLI_ERROR_CODES, CliError } from './errors.ts';
export type { CliErrorCode } from './errors.ts';
export { renderJsonPath } from './jsonpath/index.ts';
export { parseOutput, render } from './output/format.ts';
