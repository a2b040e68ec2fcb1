// @portico/testing — helpers the packages' tests share (never imported by runtime code).
export { skipReason } from './skip-reason.ts';
export { until } from './until.ts';
export { answerParent, forkFixture } from './fork-fixture.ts';
export type { ForkedFixture } from './fork-fixture.ts';
export { importChain, LOADED_MODULES_DIR_ENV, LOADED_MODULES_PRELOAD, modulesOfPackage, packagesLoadedBy, packagesOf, readLoadedModulesReport } from './loaded-modules.ts';
export type { LoadedModulesReport } from './loaded-modules.ts';
