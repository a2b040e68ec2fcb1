// @portico/ext-auth/check — the ext_authz check as its callers see it (Contract 5): the request and result
// shapes and the one-method service. Types only, so the gateway depends on the contract, not on ext-auth's code.
export type { CheckAllowed, CheckDenied, CheckRequest, CheckResult, CheckService, SocketAddressJson } from './types.ts';
