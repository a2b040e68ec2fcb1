import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../api/client.ts';
import type { ApiProduct, ApiVersion } from '../api/types.ts';
import { useResource } from '../api/useResource.ts';
import { useSession } from '../auth/session.tsx';
import { ApiReference } from '../components/ApiReference.tsx';
import { Empty, ErrorState, Loading } from '../components/States.tsx';
import { readTryItKey } from './try-it-key.ts';

export function Product() {
  const { productId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const { session } = useSession();
  const products = useResource(() => api.get<ApiProduct[]>('/apis'), [session.status]);

  if (products.state === 'loading') return <Loading label="Loading the API product" />;
  if (products.state === 'error') return <ErrorState error={products.error} retry={products.retry} what="the API product" />;
  const product = products.data.find((p) => p.apiProductId === productId);
  if (!product) {
    return (
      <Empty title={`There is no API product "${productId}" you can see.`}>
        <p>
          <Link to="/">Back to the API products</Link>
          {session.status === 'anonymous' && ' — or log in: it may be private.'}
        </p>
      </Empty>
    );
  }
  const versions = product.apiVersions;
  const selected = versions.find((v) => v.apiVersion === params.get('version')) ?? versions[versions.length - 1];
  return (
    <article aria-labelledby="product-title">
      <p className="breadcrumb">
        <Link to="/">API products</Link> / {product.apiProductDisplayName || product.apiProductId}
      </p>
      <h1 id="product-title">{product.apiProductDisplayName || product.apiProductId}</h1>
      {versions.length > 1 && (
        <label className="inline-label">
          Version
          <select value={selected?.apiVersion} onChange={(e) => setParams({ version: e.target.value })}>
            {versions.map((v) => (
              <option key={v.apiVersion}>{v.apiVersion}</option>
            ))}
          </select>
        </label>
      )}
      {selected ? <VersionDetails version={selected} /> : <Empty title="This product has no versions yet." />}
    </article>
  );
}

function VersionDetails({ version }: { version: ApiVersion }) {
  const schema = useResource(() => api.get<Record<string, unknown>>(`/apis/${encodeURIComponent(version.apiId)}/schema`), [version.apiId]);
  const [apiKey, setApiKey] = useState(() => readTryItKey());
  return (
    <>
      <section aria-labelledby="about-title" className="about">
        <h2 id="about-title">
          {version.title || version.apiId} <span className="badge">{version.apiVersion}</span>
          {version.lifecycle && <span className="badge">{version.lifecycle}</span>}
        </h2>
        {version.description && <p>{version.description}</p>}
        <dl className="facts">
          {version.termsOfService && (
            <>
              <dt>Terms of service</dt>
              <dd>{linkOrText(version.termsOfService)}</dd>
            </>
          )}
          {version.contact && (
            <>
              <dt>Contact</dt>
              <dd>{version.contact.includes('@') ? <a href={`mailto:${version.contact}`}>{version.contact}</a> : version.contact}</dd>
            </>
          )}
          {version.license && (
            <>
              <dt>License</dt>
              <dd>{version.license}</dd>
            </>
          )}
          {version.usagePlans && version.usagePlans.length > 0 && (
            <>
              <dt>Usage plans</dt>
              <dd>
                <Link to="/usage-plans">{version.usagePlans.join(', ')}</Link>
              </dd>
            </>
          )}
          {Object.entries(version.customMetadata ?? {}).map(([k, v]) => (
            <div key={k} className="fact">
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="reference-title">
        <h2 id="reference-title">API reference</h2>
        {/* A form so the browser treats the key as a credential field (no autofill prompts, Enter does nothing). */}
        <form onSubmit={(e) => e.preventDefault()}>
          <label className="inline-label">
            API key for try-it
            <input
              type="password"
              autoComplete="off"
              value={apiKey}
              onChange={(e) => setApiKey(e.target.value)}
              placeholder="Paste a key from My API keys"
              aria-describedby="try-it-help"
            />
          </label>
        </form>
        <p id="try-it-help" className="help">
          Try-it sends requests through the gateway with this key in the <code>api-key</code> header. Get one under{' '}
          <Link to="/keys">My API keys</Link>.
        </p>
        {schema.state === 'loading' && <Loading label="Loading the API reference" />}
        {schema.state === 'error' && <ErrorState error={schema.error} retry={schema.retry} what="the API reference" />}
        {schema.state === 'ready' && <ApiReference spec={schema.data} apiKey={apiKey} />}
      </section>
    </>
  );
}

function linkOrText(value: string) {
  return /^https?:\/\//.test(value) ? (
    <a href={value} rel="noreferrer">
      {value}
    </a>
  ) : (
    value
  );
}
