// Builds CheckRequests the way the gateway does (snake_case, lower-cased headers, filter_metadata as JSON).
import type { CheckRequest } from '../../src/types.ts';

export function checkRequest(opts: {
  configId: string;
  path?: string;
  method?: string;
  headers?: Record<string, string>;
  apiProductId?: string | null;
  body?: string;
}): CheckRequest {
  const path = opts.path ?? '/trackapi/tracks';
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { ':authority': 'api.example.com', ':method': method, ':path': path, ':scheme': 'http', ...opts.headers };
  const filter_metadata: Record<string, Record<string, unknown>> = {};
  if (opts.apiProductId !== null) filter_metadata['io.solo.gloo.apimanagement'] = { api_product_id: opts.apiProductId ?? 'tracks', api_product_name: 'Tracks', api_id: 'tracks-v1', custom_metadata: '{}' };
  return {
    attributes: {
      source: { address: { socket_address: { address: '127.0.0.1', port_value: 50000 } } },
      destination: { address: { socket_address: { address: '127.0.0.1', port_value: 8080 } } },
      request: {
        time: { seconds: Math.floor(Date.now() / 1000), nanos: 0 },
        http: { id: 'req-1', method, headers, path, host: 'api.example.com', scheme: 'http', query: '', fragment: '', size: -1, protocol: 'HTTP/1.1', body: opts.body ?? '' },
      },
      context_extensions: { config_id: opts.configId, source_type: 'route', source_name: 'r' },
      metadata_context: { filter_metadata },
    },
  };
}
