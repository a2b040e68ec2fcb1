// The Rego engine the OPA step uses unless a caller injects another (Contract 7). Imported statically: a broken
// @portico/rego fails loudly at start-up instead of turning every opaAuth config into a rejection.
import { prepare } from '@portico/rego';
import type { RegoApi } from '../steps/opa/rego-api.ts';

export const defaultRego: RegoApi = { prepare };
