import type { RouteTable } from '@portico/api';

// API products from route tables' portalMetadata (gloo-api.md §1.7, §1.8):
// - the same apiProductId across tables groups them into one product, one table per apiVersion; a later
//   (newer) table repeating an apiProductId + apiVersion pair conflicts and is INVALID;
// - apiProductDisplayName defaults to the id; when tables disagree the oldest table's value wins;
// - every route of a product carries filterMetadata["io.solo.gloo.apimanagement"] =
//   {api_product_id, api_product_name, api_id: "<id>-<version>", custom_metadata: JSON string}.

export interface ApiManagementMetadata {
  api_product_id: string;
  api_product_name: string;
  api_id: string;
  custom_metadata: string;
  [key: string]: unknown;
}

export interface ProductAnalysis {
  /** table key (`<ns>/<name>`) → metadata for its routes. */
  metadata: Map<string, ApiManagementMetadata>;
  /** table key → why it is INVALID. */
  conflicts: Map<string, string>;
}

export function tableKey(t: { metadata: { namespace: string; name: string } }): string {
  return `${t.metadata.namespace}/${t.metadata.name}`;
}

/** `tables` must be ordered oldest first (ResourceIndex.list order). */
export function analyzeProducts(tables: readonly RouteTable[]): ProductAnalysis {
  const metadata = new Map<string, ApiManagementMetadata>();
  const conflicts = new Map<string, string>();
  const displayName = new Map<string, string>();
  const versionOwner = new Map<string, string>();
  for (const t of tables) {
    const pm = t.spec.portalMetadata;
    if (pm?.apiProductDisplayName !== undefined && !displayName.has(pm.apiProductId)) {
      displayName.set(pm.apiProductId, pm.apiProductDisplayName);
    }
  }
  for (const t of tables) {
    const pm = t.spec.portalMetadata;
    if (pm === undefined) continue;
    const key = tableKey(t);
    const pair = `${pm.apiProductId}\u0000${pm.apiVersion}`;
    const owner = versionOwner.get(pair);
    if (owner !== undefined) {
      conflicts.set(
        key,
        `portalMetadata: apiVersion "${pm.apiVersion}" of API product "${pm.apiProductId}" is already defined by RouteTable ${owner}`,
      );
      continue;
    }
    versionOwner.set(pair, key);
    metadata.set(key, {
      api_product_id: pm.apiProductId,
      api_product_name: displayName.get(pm.apiProductId) ?? pm.apiProductId,
      api_id: `${pm.apiProductId}-${pm.apiVersion}`,
      custom_metadata: JSON.stringify(pm.customMetadata ?? {}),
    });
  }
  return { metadata, conflicts };
}
