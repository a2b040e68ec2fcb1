export { startDemo, DEFAULT_PETSTORE_PORT, DEFAULT_TRACKS_PORT } from './start.ts';
export type { Demo, DemoOptions } from './start.ts';
export { PETSTORE_OPENAPI, PETSTORE_OPENAPI_JSON } from './petstore/openapi.ts';
export { TRACKS_OPENAPI, TRACKS_OPENAPI_JSON } from './tracks/openapi.ts';
export { TRACKS } from './tracks/data.ts';
export type { Track } from './tracks/data.ts';
