// @portico/apikeys/keys — the key format (generate, hash) alone: for code that checks or issues keys without a
// store. Loads no storage backend.
export { generateApiKey, hashApiKey } from './keys/secret.ts';
