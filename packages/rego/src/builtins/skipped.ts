// OPA builtins Portico's engine does not implement, each with the reason (kept in opa-catalogue.ts beside
// OPA's full list). The compiler reports calls to them as unsupported (not unknown), and the conformance
// runner skips cases that use them.
export { missingBuiltins as skippedBuiltins } from './opa-catalogue.ts';
