import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import type { ApiProduct } from '../api/types.ts';
import { useResource } from '../api/useResource.ts';
import { useSession } from '../auth/session.tsx';
import { Empty, ErrorState, Loading } from '../components/States.tsx';
import { applyFilter, emptyFilter, filterOptions, type CatalogFilter } from './catalog-filter.ts';

export function Catalog() {
  const { session, login } = useSession();
  const products = useResource(() => api.get<ApiProduct[]>('/apis'), [session.status]);
  const [filter, setFilter] = useState<CatalogFilter>(emptyFilter);
  const data = products.state === 'ready' ? products.data : [];
  const options = useMemo(() => filterOptions(data), [data]);
  const shown = useMemo(() => applyFilter(data, filter), [data, filter]);
  const set = (patch: Partial<CatalogFilter>) => setFilter((f) => ({ ...f, ...patch }));

  return (
    <section aria-labelledby="catalog-title">
      <h1 id="catalog-title">API products</h1>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          Search
          <input type="search" value={filter.text} onChange={(e) => set({ text: e.target.value })} placeholder="Name, description, metadata" />
        </label>
        <label>
          Version
          <select value={filter.version} onChange={(e) => set({ version: e.target.value })}>
            <option value="">Any version</option>
            {options.versions.map((v) => (
              <option key={v}>{v}</option>
            ))}
          </select>
        </label>
        <label>
          Lifecycle
          <select value={filter.lifecycle} onChange={(e) => set({ lifecycle: e.target.value })}>
            <option value="">Any lifecycle</option>
            {options.lifecycles.map((v) => (
              <option key={v}>{v}</option>
            ))}
          </select>
        </label>
        <label>
          Metadata
          <select value={filter.metadata} onChange={(e) => set({ metadata: e.target.value })}>
            <option value="">Any metadata</option>
            {options.metadata.map((v) => (
              <option key={v}>{v}</option>
            ))}
          </select>
        </label>
      </form>

      {products.state === 'loading' && <Loading label="Loading API products" />}
      {products.state === 'error' && <ErrorState error={products.error} retry={products.retry} what="the API products" />}
      {products.state === 'ready' && data.length === 0 && (
        <Empty title="No API products to show.">
          {session.status === 'anonymous' ? (
            <p>
              This portal may be private.{' '}
              <button type="button" className="link-button" onClick={login}>
                Log in
              </button>{' '}
              to see the products you have access to.
            </p>
          ) : (
            <p>No API product has been published to this portal yet.</p>
          )}
        </Empty>
      )}
      {products.state === 'ready' && data.length > 0 && shown.length === 0 && (
        <Empty title="No API product matches these filters.">
          <button type="button" className="button" onClick={() => setFilter(emptyFilter)}>
            Clear filters
          </button>
        </Empty>
      )}
      <ul className="cards" aria-label="API products">
        {shown.map((p) => {
          const latest = p.apiVersions[p.apiVersions.length - 1];
          return (
            <li key={p.apiProductId} className="card">
              <h2>
                <Link to={`/products/${encodeURIComponent(p.apiProductId)}`}>{p.apiProductDisplayName || p.apiProductId}</Link>
              </h2>
              {latest?.description && <p>{latest.description}</p>}
              <p className="meta">
                <span>
                  {p.apiVersions.length} version{p.apiVersions.length === 1 ? '' : 's'}: {p.apiVersions.map((v) => v.apiVersion).join(', ')}
                </span>
                {latest?.lifecycle && <span className="badge">{latest.lifecycle}</span>}
              </p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
