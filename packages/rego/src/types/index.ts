export type { TypeSpec, BuiltinDecl } from './spec.ts';
export { T } from './spec.ts';
