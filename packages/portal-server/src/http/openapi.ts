// /v1/openapi.json, generated from the same RouteSpec list and schema objects fastify validates with: shared
// schema objects become components (recognised by identity) and fastify's `:id` paths become `{id}`.
import type { RouteSpec } from './route-spec.ts';
import { NAMED_SCHEMAS } from './schemas.ts';

const NAME_OF = new Map<object, string>(Object.entries(NAMED_SCHEMAS).map(([k, v]) => [v, k]));

function refs(schema: unknown, self: object | null = null): unknown {
  if (Array.isArray(schema)) return schema.map((s) => refs(s));
  if (!schema || typeof schema !== 'object') return schema;
  const named = NAME_OF.get(schema);
  if (named && schema !== self) return { $ref: `#/components/schemas/${named}` };
  return Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, refs(v)]));
}

const DESCRIPTIONS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  400: 'Invalid input; `field` names what is wrong',
  401: 'Not signed in, or the presented token is invalid',
  403: 'Signed in, but not allowed',
  404: 'No portal serves this Host, or the id is unknown',
  409: 'Conflict',
  500: 'The API has no usable schema',
  503: 'A backing store is unavailable',
};

export function buildOpenApi(routes: readonly RouteSpec[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.url.replace(/:([A-Za-z_]+)/g, '{$1}');
    const parameters: unknown[] = [];
    for (const [where, schema] of [['path', r.schema.params], ['query', r.schema.querystring]] as const) {
      const props = (schema as { properties?: Record<string, unknown>; required?: string[] } | undefined)?.properties ?? {};
      const required = (schema as { required?: string[] } | undefined)?.required ?? [];
      for (const [name, s] of Object.entries(props)) {
        const isArray = (s as { type?: string }).type === 'array';
        parameters.push({ name, in: where, required: where === 'path' || required.includes(name), schema: refs(s), ...(isArray ? { style: 'form', explode: true } : {}) });
      }
    }
    const responses: Record<string, unknown> = {};
    for (const [code, schema] of Object.entries(r.schema.response)) {
      responses[code] = { description: DESCRIPTIONS[Number(code)] ?? 'Response', content: { 'application/json': { schema: refs(schema) } } };
    }
    (paths[path] ??= {})[r.method.toLowerCase()] = {
      operationId: r.operationId,
      summary: r.summary,
      ...(r.auth === 'required' ? { security: [{ bearerAuth: [] }, { idToken: [] }] } : { security: [{}, { bearerAuth: [] }, { idToken: [] }] }),
      ...(parameters.length ? { parameters } : {}),
      ...(r.schema.body ? { requestBody: { required: true, content: { 'application/json': { schema: refs(r.schema.body) } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Portico Portal Server API',
      version: '1.0.0',
      description: 'The developer portal REST API (Gloo Platform Portal compatible: /v1/apis and /v1/api-products flavours).',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        idToken: { type: 'apiKey', in: 'header', name: 'id_token' },
      },
      schemas: Object.fromEntries(Object.entries(NAMED_SCHEMAS).map(([k, v]) => [k, refs(v, v)])),
    },
    paths,
  };
}
