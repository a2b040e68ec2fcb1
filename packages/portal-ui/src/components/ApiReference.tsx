import { lazy, Suspense, useEffect, useMemo, useRef } from 'react';
import 'swagger-ui-react/swagger-ui.css';
import { patchSwaggerA11y } from './swagger-a11y.ts';

// Swagger UI is large; load it only on pages that show a reference.
const SwaggerUI = lazy(() => import('swagger-ui-react'));

type OpenApi = Record<string, unknown> & {
  servers?: { url: string; description?: string }[];
  components?: Record<string, unknown> & { securitySchemes?: Record<string, unknown> };
  security?: unknown[];
};

/**
 * Adds what try-it needs to the product's stitched OpenAPI document: the API-key header and bearer-token schemes
 * the gateway accepts, and this portal's own origin as the first server (the quickstart portal domain routes the
 * API products too, so try-it calls are same-origin and need no CORS).
 */
export function withTryItDefaults(doc: OpenApi, origin: string): OpenApi {
  // This origin first even when the server listed it among the API's hosts: Swagger UI calls the first server,
  // and another host would be cross-origin (CORS) or not resolvable from the browser.
  const others = (doc.servers ?? []).filter((s) => s.url.replace(/\/$/, '') !== origin);
  return {
    ...doc,
    servers: [{ url: origin, description: 'This portal (through the gateway)' }, ...others],
    components: {
      ...doc.components,
      securitySchemes: {
        apiKey: { type: 'apiKey', in: 'header', name: 'api-key', description: 'An API key from "My API keys"' },
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'An OAuth2 access token' },
        ...doc.components?.securitySchemes,
      },
    },
    security: doc.security ?? [{ apiKey: [] }, { bearer: [] }],
  };
}

export function ApiReference({ spec, apiKey }: { spec: OpenApi; apiKey: string }) {
  const prepared = useMemo(() => withTryItDefaults(spec, window.location.origin), [spec]);
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => (container.current ? patchSwaggerA11y(container.current) : undefined), []);
  // The container sits outside Suspense so it exists (and is observed) while Swagger UI's chunk loads.
  return (
    <div className="api-reference" ref={container}>
      <Suspense fallback={<p role="status">Loading the API reference…</p>}>
        <SwaggerUI
          key={apiKey}
          spec={prepared}
          tryItOutEnabled
          persistAuthorization={false}
          onComplete={(system: { preauthorizeApiKey: (name: string, value: string) => void }) => {
            if (apiKey) system.preauthorizeApiKey('apiKey', apiKey);
          }}
        />
      </Suspense>
    </div>
  );
}
