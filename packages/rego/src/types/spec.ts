// TypeSpec: the static type language of builtin declarations (OPA's v1/types). Builtin decls are data
// written in this shape; the compile-time checker (compiler/typecheck.ts) reads them, and so can anyone
// generating capability lists. Keep it plain JSON-able objects so decls stay data.

export type TypeSpec =
  | { readonly kind: 'null' }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'number' }
  | { readonly kind: 'string' }
  /** `any` with no `of` is the top type; with `of` it is a union. */
  | { readonly kind: 'any'; readonly of?: readonly TypeSpec[] }
  /** Static prefix types and/or a dynamic element type (OPA's types.NewArray(static, dynamic)). */
  | { readonly kind: 'array'; readonly static?: readonly TypeSpec[]; readonly dynamic?: TypeSpec }
  | {
      readonly kind: 'object';
      readonly static?: readonly (readonly [string, TypeSpec])[];
      readonly dynamic?: { readonly key: TypeSpec; readonly value: TypeSpec };
    }
  | { readonly kind: 'set'; readonly of: TypeSpec }
  | { readonly kind: 'function'; readonly args: readonly TypeSpec[]; readonly result: TypeSpec };

/** A builtin's declaration, as the type checker and the arity check consume it. */
export interface BuiltinDecl {
  readonly name: string;
  readonly args: readonly TypeSpec[];
  readonly result: TypeSpec;
  /** When true the last entry of `args` repeats (OPA's FuncArgs.Variadic). */
  readonly variadic?: boolean;
  /** Results differ between calls with the same args (rand, time.now_ns, uuid.rfc4122 …). */
  readonly nondeterministic?: boolean;
}

// Short constructors so decls read like OPA's builtins.go.
export const T = {
  null: { kind: 'null' } as TypeSpec,
  boolean: { kind: 'boolean' } as TypeSpec,
  number: { kind: 'number' } as TypeSpec,
  string: { kind: 'string' } as TypeSpec,
  any: { kind: 'any' } as TypeSpec,
  anyOf: (...of: TypeSpec[]): TypeSpec => ({ kind: 'any', of }),
  arrayOf: (dynamic: TypeSpec): TypeSpec => ({ kind: 'array', dynamic }),
  tuple: (...items: TypeSpec[]): TypeSpec => ({ kind: 'array', static: items }),
  setOf: (of: TypeSpec): TypeSpec => ({ kind: 'set', of }),
  objectOf: (key: TypeSpec, value: TypeSpec): TypeSpec => ({ kind: 'object', dynamic: { key, value } }),
  objectWith: (fields: [string, TypeSpec][], dynamic?: { key: TypeSpec; value: TypeSpec }): TypeSpec => ({
    kind: 'object',
    static: fields,
    dynamic,
  }),
  fn: (args: TypeSpec[], result: TypeSpec): TypeSpec => ({ kind: 'function', args, result }),
} as const;
