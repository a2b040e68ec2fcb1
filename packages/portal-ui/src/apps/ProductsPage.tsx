// The API products of a teams-and-apps portal (GET /v1/api-products and …/{id}/versions), with each version's
// OpenAPI reference; apps get access by subscribing on their app's page.
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { ApiProductSummary, ApiProductVersion } from '../api/apps-types.ts';
import { api } from '../api/client.ts';
import { useResource } from '../api/useResource.ts';
import { useSession } from '../auth/session.tsx';
import { ApiReference } from '../components/ApiReference.tsx';
import { Empty, ErrorState, Loading } from '../components/States.tsx';

export function ProductsCatalog() {
  const { session, login } = useSession();
  const products = useResource(() => api.get<ApiProductSummary[]>('/api-products'), [session.status]);
  return (
    <section aria-labelledby="catalog-title">
      <h1 id="catalog-title">API products</h1>
      <p className="help">Subscribe one of your team's apps to a product on the app's page; a portal admin approves it.</p>
      {products.state === 'loading' && <Loading label="Loading API products" />}
      {products.state === 'error' && <ErrorState error={products.error} retry={products.retry} what="the API products" />}
      {products.state === 'ready' && products.data.length === 0 && (
        <Empty title="No API products to show.">
          {session.status === 'anonymous' && (
            <button type="button" className="link-button" onClick={login}>
              Log in to see the products you have access to.
            </button>
          )}
        </Empty>
      )}
      {products.state === 'ready' && products.data.length > 0 && (
        <ul className="cards" aria-label="API products">
          {products.data.map((p) => (
            <li key={p.id} className="card">
              <h2>
                <Link to={`/products/${encodeURIComponent(p.id)}`}>{p.name || p.id}</Link>
              </h2>
              {p.description && <p>{p.description}</p>}
              <p className="meta">
                {p.versionsCount ?? 0} version{p.versionsCount === 1 ? '' : 's'}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

interface ProductView {
  product: ApiProductSummary;
  versions: ApiProductVersion[];
}

async function loadProduct(id: string): Promise<ProductView> {
  const path = `/api-products/${encodeURIComponent(id)}`;
  const [product, versions] = await Promise.all([api.get<ApiProductSummary>(path), api.get<ApiProductVersion[]>(`${path}/versions`)]);
  return { product, versions };
}

const specOf = (v: ApiProductVersion): Record<string, unknown> | null => {
  if (typeof v.apiSpec === 'object' && v.apiSpec !== null) return v.apiSpec;
  if (typeof v.apiSpec !== 'string') return null;
  try {
    return JSON.parse(v.apiSpec) as Record<string, unknown>;
  } catch {
    return null;
  }
};

export function ProductPage() {
  const { productId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const { session } = useSession();
  const view = useResource(() => loadProduct(productId), [productId, session.status]);
  const [apiKey, setApiKey] = useState('');
  if (view.state === 'loading') return <Loading label="Loading the API product" />;
  if (view.state === 'error') return <ErrorState error={view.error} retry={view.retry} what="the API product" />;
  const { product, versions } = view.data;
  const selected = versions.find((v) => v.name === params.get('version')) ?? versions[versions.length - 1];
  const spec = selected && specOf(selected);
  return (
    <article aria-labelledby="product-title">
      <p className="breadcrumb">
        <Link to="/">API products</Link> / {product.name || product.id}
      </p>
      <h1 id="product-title">{product.name || product.id}</h1>
      {product.description && <p>{product.description}</p>}
      {versions.length > 1 && (
        <label className="inline-label">
          Version
          <select value={selected?.name} onChange={(e) => setParams({ version: e.target.value })}>
            {versions.map((v) => (
              <option key={v.id}>{v.name}</option>
            ))}
          </select>
        </label>
      )}
      {!selected ? (
        <Empty title="This product has no versions yet." />
      ) : (
        <>
          <section aria-labelledby="about-title" className="about">
            <h2 id="about-title">
              {selected.title || selected.id} <span className="badge">{selected.name}</span>
              {selected.status && <span className="badge">{selected.status}</span>}
            </h2>
            {selected.documentation && <p>{selected.documentation}</p>}
            <p>
              To call it, <Link to="/apps">subscribe one of your apps</Link> and use the app's API key or OAuth client once an admin approves.
            </p>
          </section>
          <section aria-labelledby="reference-title">
            <h2 id="reference-title">API reference</h2>
            <form onSubmit={(e) => e.preventDefault()}>
              <label className="inline-label">
                App API key for try-it
                <input type="password" autoComplete="off" value={apiKey} onChange={(e) => setApiKey(e.target.value)} placeholder="Paste an app's API key" />
              </label>
            </form>
            {spec ? <ApiReference spec={spec} apiKey={apiKey} /> : <p className="help">This version has no OpenAPI document.</p>}
          </section>
        </>
      )}
    </article>
  );
}
