// The API product scopes the IdP will issue. oidc-provider's `scopes` option is fixed when the Provider is built and
// silently drops anything it does not know, so product scopes live here instead: the resource server's scope list is
// read from this registry on every request (getResourceServerInfo), and requests naming a scope that is neither an
// OIDC scope nor a registered product — or a product the client may not ask for — are refused with invalid_scope.
export const OIDC_SCOPES: readonly string[] = ['openid', 'profile', 'email', 'offline_access'];

const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

export type ScopeCheck = { ok: true } | { ok: false; scope: string; message: string };

export interface ScopeRegistry {
  /** Replaces the product scopes; ids that cannot be OAuth scope tokens (e.g. containing spaces) are returned as rejected. */
  set(ids: Iterable<string>): { accepted: string[]; rejected: string[] };
  products(): string[];
  /** allowed: the client's configured product scopes ("*" = all registered products). */
  check(requested: readonly string[], allowed: readonly string[]): ScopeCheck;
}

export function createScopeRegistry(initial: Iterable<string> = []): ScopeRegistry {
  let products = new Set<string>();
  const registry: ScopeRegistry = {
    set(ids) {
      const accepted: string[] = [];
      const rejected: string[] = [];
      for (const id of new Set(ids)) {
        if (SCOPE_TOKEN.test(id) && !OIDC_SCOPES.includes(id)) accepted.push(id);
        else rejected.push(id);
      }
      products = new Set(accepted.sort());
      return { accepted, rejected };
    },
    products: () => [...products],
    check(requested, allowed) {
      const all = allowed.includes('*');
      for (const scope of requested) {
        if (OIDC_SCOPES.includes(scope)) continue;
        if (!products.has(scope)) return { ok: false, scope, message: `unknown scope: ${scope}` };
        if (!all && !allowed.includes(scope)) {
          return { ok: false, scope, message: `scope not allowed for this client: ${scope}` };
        }
      }
      return { ok: true };
    },
  };
  registry.set(initial);
  return registry;
}
