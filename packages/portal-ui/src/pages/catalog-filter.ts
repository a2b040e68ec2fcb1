import type { ApiProduct } from '../api/types.ts';

export interface CatalogFilter {
  text: string;
  version: string; // '' = any
  lifecycle: string; // '' = any
  metadata: string; // 'key=value' or ''
}

export const emptyFilter: CatalogFilter = { text: '', version: '', lifecycle: '', metadata: '' };

/** The choices the filter selects offer, taken from what the server returned. */
export function filterOptions(products: ApiProduct[]) {
  const versions = new Set<string>();
  const lifecycles = new Set<string>();
  const metadata = new Set<string>();
  for (const p of products) {
    for (const v of p.apiVersions) {
      versions.add(v.apiVersion);
      if (v.lifecycle) lifecycles.add(v.lifecycle);
      for (const [k, val] of Object.entries(v.customMetadata ?? {})) metadata.add(`${k}=${val}`);
    }
  }
  const sorted = (s: Set<string>) => [...s].sort((a, b) => a.localeCompare(b));
  return { versions: sorted(versions), lifecycles: sorted(lifecycles), metadata: sorted(metadata) };
}

/** Keeps the products with at least one version matching every set criterion; the text matches names and docs. */
export function applyFilter(products: ApiProduct[], f: CatalogFilter): ApiProduct[] {
  const needle = f.text.trim().toLowerCase();
  const [mk, mv] = f.metadata ? splitOnce(f.metadata) : ['', ''];
  return products.filter((p) =>
    p.apiVersions.some((v) => {
      if (f.version && v.apiVersion !== f.version) return false;
      if (f.lifecycle && v.lifecycle !== f.lifecycle) return false;
      if (mk && v.customMetadata?.[mk] !== mv) return false;
      if (!needle) return true;
      const haystack = [p.apiProductId, p.apiProductDisplayName, v.title, v.description, v.apiId, ...Object.values(v.customMetadata ?? {})]
        .filter(Boolean)
        .join(' ')
        .toLowerCase();
      return haystack.includes(needle);
    }),
  );
}

function splitOnce(s: string): [string, string] {
  const i = s.indexOf('=');
  return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + 1)];
}
