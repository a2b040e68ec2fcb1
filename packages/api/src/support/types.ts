// The field-support registry's vocabulary ("no silent ignores", issue 12): every field a kind's schema accepts is
// listed in its KindDefinition.fields with one of these levels. A key is a path in schema-paths.ts notation
// (`http[].forwardTo.pathRewrite`); with `subtree: true` it covers every field below it.
export type FieldSupport =
  /** Read and acted on by the named code (a folder under packages/, e.g. `control-plane/src/routes`). */
  | { level: 'enforced'; by: string; subtree?: boolean; note?: string }
  /** Has no meaning in Portico (one cluster, in-process services): accepted, noted in the status message,
   *  approval unchanged. */
  | { level: 'ignored'; note: string; subtree?: boolean }
  /** Not honoured: a resource that sets it gets status WARNING naming the field. */
  | { level: 'unsupported'; note: string; subtree?: boolean }
  /** Handed whole to a component that validates it (e.g. an auth step); not yet audited field by field. */
  | { level: 'unaudited'; note: string; subtree: true };

export type FieldSupportMap = Readonly<Record<string, FieldSupport>>;
