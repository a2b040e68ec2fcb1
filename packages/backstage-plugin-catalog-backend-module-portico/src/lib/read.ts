// Reads every API product version from a portal server, in either flavour of the REST contract
// (backstage-portal.md §2): `/apis` (grouped products with apiVersions, or the older flat list) plus
// `/apis/{apiId}/schema` per version, or `/api-products` plus `/api-products/{id}/versions` (specs embedded).
// Like Solo's clients it probes `/apis` first and falls back to `/api-products`; unlike them it checks every status,
// and any failure fails the whole read — the caller then applies no mutation, so an outage never empties the catalog.
import { failure, type Result, type SyncFailure } from '../errors.ts';
import { getJson, mapLimit, type PortalHttpOptions } from './http.ts';

export type PortalFlavour = 'apis' | 'api-products';

export interface PortalApiVersion {
  apiProductId: string;
  apiProductDisplayName: string;
  apiProductDescription: string;
  apiVersion: string;
  /** The server's id of this version (GMG apiId, GG version id). */
  apiId: string;
  title: string;
  description: string;
  termsOfService: string;
  contact: string;
  license: string;
  lifecycle: string;
  customMetadata: Record<string, string>;
  usagePlans: string[];
  /** The OpenAPI document (object, or the raw string the server sent); undefined = the server has none. */
  schema: unknown;
  /** The URL the version (and its schema) was read from, for the entity's location annotations. */
  sourceUrl: string;
}

export interface PortalReadResult {
  flavour: PortalFlavour;
  listUrl: string;
  versions: PortalApiVersion[];
}

export interface ReadPortalOptions extends PortalHttpOptions {
  portalServerUrl: string;
  /** Skip the /apis probe when an earlier run found the /api-products flavour. */
  knownFlavour?: PortalFlavour;
  concurrency?: number;
}

type Json = Record<string, unknown>;

const SCHEMA_ABSENT = [404, 500] as const;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

function stringRecord(v: unknown): Record<string, string> {
  if (!isObject(v)) return {};
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) if (typeof val === 'string') out[k] = val;
  return out;
}

function usagePlans(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  return v.map((p) => (isObject(p) ? str(p.name) : str(p))).filter((p) => p !== '');
}

/** Lifecycle comes from portalMetadata.lifecycle when the server passes it, else from custom metadata. */
function lifecycleOf(v: Json, meta: Record<string, string>): string {
  return str(v.lifecycle) || meta.lifecycle || '';
}

function gmgVersion(product: Json, v: Json, schemaUrl: string): PortalApiVersion {
  const customMetadata = stringRecord(v.customMetadata);
  return {
    apiProductId: str(v.apiProductId) || str(product.apiProductId),
    apiProductDisplayName: str(v.apiProductDisplayName) || str(product.apiProductDisplayName),
    apiProductDescription: str(product.apiProductDescription) || str(product.description),
    apiVersion: str(v.apiVersion),
    apiId: str(v.apiId),
    title: str(v.title),
    description: str(v.description),
    termsOfService: str(v.termsOfService),
    contact: str(v.contact),
    license: str(v.license),
    lifecycle: lifecycleOf(v, customMetadata),
    customMetadata,
    usagePlans: usagePlans(v.usagePlans),
    schema: v.openapiSpec ?? undefined,
    sourceUrl: schemaUrl,
  };
}

/** `/apis` items: grouped `{apiProductId, apiVersions: [...]}` or flat `{apiId, ...}`; undefined = not this flavour. */
function parseApisList(body: unknown, base: string): PortalApiVersion[] | undefined {
  if (!Array.isArray(body)) return undefined;
  const out: PortalApiVersion[] = [];
  for (const item of body) {
    if (!isObject(item)) return undefined;
    if (Array.isArray(item.apiVersions)) {
      for (const v of item.apiVersions) {
        if (!isObject(v) || !str(v.apiId)) return undefined;
        out.push(gmgVersion(item, v, `${base}/apis/${encodeURIComponent(str(v.apiId))}/schema`));
      }
    } else if (str(item.apiId)) {
      out.push(gmgVersion({}, item, `${base}/apis/${encodeURIComponent(str(item.apiId))}/schema`));
    } else {
      return undefined;
    }
  }
  return out;
}

function ggVersion(product: Json, v: Json, url: string): PortalApiVersion {
  const customMetadata = { ...stringRecord(product.apiProductMetadata), ...stringRecord(v.productVersionMetadata) };
  return {
    apiProductId: str(v.apiProductId) || str(product.id),
    apiProductDisplayName: str(product.name),
    apiProductDescription: str(product.description),
    apiVersion: str(v.name),
    apiId: str(v.id),
    title: str(v.title),
    description: str(v.description) || str(product.description),
    termsOfService: str(v.termsOfService),
    contact: str(v.contactEmail) || str(product.contactEmail),
    license: str(v.license),
    lifecycle: lifecycleOf(v, customMetadata),
    customMetadata,
    usagePlans: usagePlans(v.usagePlans),
    schema: v.apiSpec ?? undefined,
    sourceUrl: url,
  };
}

async function readSchemas(versions: PortalApiVersion[], o: ReadPortalOptions): Promise<Result<PortalApiVersion[]>> {
  return mapLimit(versions, o.concurrency ?? 8, async (v): Promise<Result<PortalApiVersion>> => {
    if (v.schema !== undefined) return { ok: true, value: v };
    // The GMG contract: 404 "API schema not found", 500 "Missing stitched schema for route table" (a version
    // without an ApiDoc). Both mean this version has no schema; 502/503/504 and the rest fail the run.
    const r = await getJson(v.sourceUrl, o, SCHEMA_ABSENT);
    if (!r.ok) return r;
    return { ok: true, value: { ...v, schema: r.value ?? undefined } };
  });
}

async function readApiProducts(o: ReadPortalOptions, base: string): Promise<Result<PortalReadResult>> {
  const listUrl = `${base}/api-products`;
  const list = await getJson(listUrl, o);
  if (!list.ok) return list;
  if (!Array.isArray(list.value) || !list.value.every((p) => isObject(p) && str(p.id))) {
    return failure('PORTAL_BAD_SHAPE', `${listUrl} did not answer with a list of API products ({id, name, ...}[])`);
  }
  const products = list.value as Json[];
  const perProduct = await mapLimit(products, o.concurrency ?? 8, async (p): Promise<Result<PortalApiVersion[]>> => {
    const url = `${listUrl}/${encodeURIComponent(str(p.id))}/versions`;
    const r = await getJson(url, o);
    if (!r.ok) return r;
    if (!Array.isArray(r.value) || !r.value.every(isObject)) {
      return failure('PORTAL_BAD_SHAPE', `${url} did not answer with a list of versions`);
    }
    return { ok: true, value: (r.value as Json[]).map((v) => ggVersion(p, v, url)) };
  });
  if (!perProduct.ok) return perProduct;
  return { ok: true, value: { flavour: 'api-products', listUrl, versions: perProduct.value.flat() } };
}

/** Reads all versions; any failed request fails the whole read (no partial results). */
export async function readPortal(o: ReadPortalOptions): Promise<Result<PortalReadResult>> {
  const base = o.portalServerUrl;
  if (o.knownFlavour === 'api-products') return readApiProducts(o, base);
  const listUrl = `${base}/apis`;
  const apis = await getJson(listUrl, o, [404]);
  if (!apis.ok) return apis;
  const versions = apis.ok ? parseApisList(apis.value, base) : undefined;
  if (versions) {
    const withSchemas = await readSchemas(versions, o);
    if (!withSchemas.ok) return withSchemas;
    return { ok: true, value: { flavour: 'apis', listUrl, versions: withSchemas.value } };
  }
  // /apis is missing (404) or is not an API list: this is the newer /api-products flavour, as Solo's clients probe.
  const products = await readApiProducts(o, base);
  if (products.ok) return products;
  return noApiList(listUrl, apis.status, products);
}

function noApiList(listUrl: string, apisStatus: number | undefined, second: SyncFailure): SyncFailure {
  if (second.code !== 'PORTAL_HTTP_ERROR' && second.code !== 'PORTAL_BAD_SHAPE') return second;
  const first = apisStatus === 404 ? 'HTTP 404' : 'not an API list';
  return failure('PORTAL_NO_API_LIST', `neither ${listUrl} (${first}) nor /api-products answered with API products; ${second.message}`);
}
