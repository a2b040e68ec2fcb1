// Loads @portico/rego when it is present. The specifier is a variable so this package type-checks and runs
// even before the Rego engine ships its entry point (opaAuth configs are then rejected with a clear reason).
import type { RegoApi } from '../steps/opa/rego-api.ts';

async function load(): Promise<RegoApi | null> {
  const specifier = '@portico/rego';
  try {
    const mod = (await import(specifier)) as Partial<RegoApi>;
    return typeof mod.prepare === 'function' ? (mod as RegoApi) : null;
  } catch {
    return null;
  }
}

export const defaultRego: RegoApi | null = await load();
