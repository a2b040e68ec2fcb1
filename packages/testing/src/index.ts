// @portico/testing — helpers the packages' tests share (never imported by runtime code).
export { skipReason } from './skip-reason.ts';
export { until } from './until.ts';
