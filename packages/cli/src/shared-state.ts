// @portico/cli/shared-state — the stores `portico up` shares between its processes (API keys, rate-limit counters)
// and a gateway's in-memory key index over them, without the rest of the CLI: what a gateway worker loads, for
// benchmarks and embedders that compose a data plane themselves.
export { openApiKeyStore, openSharedState } from './up/shared-state.ts';
export type { SharedState, SharedStateOptions } from './up/shared-state.ts';
export { indexApiKeys } from './up/key-index.ts';
