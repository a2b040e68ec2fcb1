export { startIdp } from './server.ts';
export type { RunningIdp, StartIdpOptions } from './server.ts';
export { loadIdpConfigFile, validateIdpConfig } from './config/load.ts';
export type { ConfigResult } from './config/load.ts';
export type { IdpConfig, IdpConfigInput, IdpClientConfig, IdpUserConfig } from './config/schema.ts';
export { hashPassword, verifyPassword } from './users/password.ts';
export { keyFilePath } from './keys/key-store.ts';
export { IDP_ERROR_CODES, IdpStartError } from './errors.ts';
export type { IdpError, IdpErrorCode } from './errors.ts';
