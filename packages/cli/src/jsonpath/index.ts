export { evaluatePath, renderJsonPath } from './evaluate.ts';
export { JsonPathError, parsePath, parseTemplate } from './parse.ts';
export type { Segment, TemplateNode } from './parse.ts';
