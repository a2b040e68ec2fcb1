// Contract 7 (docs/architecture.md) as the OPA step uses it. The engine is injected through StepDeps so the
// step does not depend on how @portico/rego is loaded.
export interface RegoError {
  code?: string;
  message: string;
  location?: { file?: string; row?: number; col?: number } | null;
}

export interface RegoPreparedQuery {
  eval(opts: { input?: unknown; data?: unknown; limits?: { maxSteps?: number; timeoutMs?: number } }):
    | { ok: true; results: Array<{ expressions: unknown[]; bindings: Record<string, unknown> }> }
    | { ok: false; errors: RegoError[] }
    | Promise<{ ok: true; results: Array<{ expressions: unknown[]; bindings: Record<string, unknown> }> } | { ok: false; errors: RegoError[] }>;
}

export interface RegoApi {
  prepare(opts: { modules: Record<string, string>; query: string; regoVersion?: 0 | 1; strict?: boolean }):
    | { ok: true; value: RegoPreparedQuery }
    | { ok: false; errors: RegoError[] };
}

export function formatRegoErrors(errors: RegoError[]): string {
  return errors
    .map((e) => {
      const loc = e.location ? `${e.location.file ?? ''}:${e.location.row ?? 0}: ` : '';
      return `${loc}${e.code ? e.code + ': ' : ''}${e.message}`;
    })
    .join('; ');
}
