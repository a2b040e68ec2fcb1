// Portal versions -> catalog entities, as one pure function. The three fixed entities are the ones Solo's plugin
// emits (Group solo-io-service-accounts, User gloo-platform-portal-service-account, System gloo-platform-portal-apis),
// with the user's profile under spec.profile as the User kind requires. Each product version becomes one API entity
// named <apiProductId>-<apiVersion> (the name the seed promises), sanitised to Backstage's rules.
import { ANNOTATION_LOCATION, ANNOTATION_ORIGIN_LOCATION, type Entity } from '@backstage/catalog-model';
import type { SyncErrorCode } from '../errors.ts';
import { buildDefinition, placeholderDefinition } from './definition.ts';
import { sanitizeEntityName, sanitizeTag } from './names.ts';
import type { PortalApiVersion, PortalReadResult } from './read.ts';

export const GROUP_NAME = 'solo-io-service-accounts';
export const USER_NAME = 'gloo-platform-portal-service-account';
export const SYSTEM_NAME = 'gloo-platform-portal-apis';
export const OWNER_REF = `user:${USER_NAME}`;
export const DEFAULT_LIFECYCLE = 'production';
export const ANNOTATION_PREFIX = 'portico.dev';

/** A problem with one version: logged (once) by the provider, never a reason to fail the whole sync. */
export interface VersionProblem {
  code: SyncErrorCode;
  /** Stable key of what the problem is about, so the same problem is logged once, not on every run. */
  subject: string;
  message: string;
}

export interface ApiEntityBuild {
  entity: Entity;
  version: PortalApiVersion;
}

export interface TransformResult {
  fixed: Entity[];
  apis: ApiEntityBuild[];
  problems: VersionProblem[];
}

function annotations(location: string, origin: string, extra: Record<string, string> = {}): Record<string, string> {
  return { [ANNOTATION_LOCATION]: `url:${location}`, [ANNOTATION_ORIGIN_LOCATION]: `url:${origin}`, ...extra };
}

export function fixedEntities(portalServerUrl: string): Entity[] {
  const a = annotations(portalServerUrl, portalServerUrl);
  return [
    {
      apiVersion: 'backstage.io/v1alpha1', kind: 'Group',
      metadata: { name: GROUP_NAME, title: 'Solo.io service accounts', annotations: { ...a } },
      spec: { type: 'service-account-group', children: [], members: [USER_NAME] },
    },
    {
      apiVersion: 'backstage.io/v1alpha1', kind: 'User',
      metadata: { name: USER_NAME, annotations: { ...a } },
      spec: { profile: { displayName: 'Solo.io Service Account' }, memberOf: [GROUP_NAME] },
    },
    {
      apiVersion: 'backstage.io/v1alpha1', kind: 'System',
      metadata: { name: SYSTEM_NAME, title: 'Gloo Platform Portal APIs', tags: ['gloo-platform'], annotations: { ...a } },
      spec: { owner: OWNER_REF },
    },
  ];
}

function asUrl(value: string): string | undefined {
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'mailto:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

function links(v: PortalApiVersion): { url: string; title: string }[] {
  const out: { url: string; title: string }[] = [];
  const contact = /^[^\s@]+@[^\s@]+$/.test(v.contact) ? `mailto:${v.contact}` : asUrl(v.contact);
  if (contact) out.push({ url: contact, title: 'Contact' });
  const terms = asUrl(v.termsOfService);
  if (terms) out.push({ url: terms, title: 'Terms of service' });
  const license = asUrl(v.license);
  if (license) out.push({ url: license, title: 'License' });
  return out;
}

function tags(v: PortalApiVersion): string[] {
  const out = ['gloo-platform'];
  const version = sanitizeTag(v.apiVersion);
  if (version) out.push(sanitizeTag(`api-version:${version}`));
  const product = sanitizeTag(v.apiProductId);
  if (product) out.push(sanitizeTag(`api-product:${product}`));
  return [...new Set(out.filter((t) => t !== ''))];
}

function portalAnnotations(v: PortalApiVersion): Record<string, string> {
  const out: Record<string, string> = {
    [`${ANNOTATION_PREFIX}/api-product-id`]: v.apiProductId,
    [`${ANNOTATION_PREFIX}/api-version`]: v.apiVersion,
  };
  if (v.apiId) out[`${ANNOTATION_PREFIX}/api-id`] = v.apiId;
  if (v.usagePlans.length) out[`${ANNOTATION_PREFIX}/usage-plans`] = v.usagePlans.join(',');
  if (Object.keys(v.customMetadata).length) out[`${ANNOTATION_PREFIX}/custom-metadata`] = JSON.stringify(v.customMetadata);
  return out;
}

/** The entity name for a version, or a problem saying why there is none / why it was changed. */
export function versionEntityName(v: PortalApiVersion): { name: string; problem?: VersionProblem } {
  const raw = v.apiVersion ? `${v.apiProductId}-${v.apiVersion}` : v.apiProductId || v.apiId;
  const name = sanitizeEntityName(raw);
  const subject = `name:${raw}`;
  if (!name) {
    return { name, problem: { code: 'VERSION_BAD_NAME', subject, message:
      `API product version "${raw}" has no characters usable in a Backstage entity name ([A-Za-z0-9-_.]); skipped` } };
  }
  if (name !== raw) {
    return { name, problem: { code: 'VERSION_BAD_NAME', subject, message:
      `API product version "${raw}" breaks Backstage's entity name rules (^[A-Za-z0-9][-A-Za-z0-9_.]*[A-Za-z0-9]$, ≤63 characters, lower case); cataloged as "${name}"` } };
  }
  return { name };
}

async function apiEntity(v: PortalApiVersion, name: string, listUrl: string, problems: VersionProblem[]): Promise<Entity> {
  const title = v.title || [v.apiProductDisplayName || v.apiProductId, v.apiVersion].filter(Boolean).join(' ');
  const input = { schema: v.schema, title, apiVersion: v.apiVersion, description: v.description };
  let definition: string;
  if (v.schema === undefined) {
    problems.push({ code: 'VERSION_NO_SCHEMA', subject: `schema:${name}`, message:
      `API "${name}" has no OpenAPI schema on the portal server (${v.sourceUrl}); cataloged with an empty placeholder definition` });
    definition = placeholderDefinition(input);
  } else {
    const built = await buildDefinition(input);
    if (built.ok) definition = built.value;
    else {
      problems.push({ code: built.code, subject: `schema:${name}`, message: `API "${name}": ${built.message}; definition kept as sent` });
      definition = typeof v.schema === 'string' ? v.schema : JSON.stringify(v.schema, null, 2);
    }
  }
  const description = v.description || v.apiProductDescription;
  const entityLinks = links(v);
  return {
    apiVersion: 'backstage.io/v1alpha1', kind: 'API',
    metadata: {
      name, title,
      ...(description ? { description } : {}),
      tags: tags(v),
      ...(entityLinks.length ? { links: entityLinks } : {}),
      annotations: annotations(v.sourceUrl, listUrl, portalAnnotations(v)),
    },
    spec: { type: 'openapi', lifecycle: v.lifecycle.trim() || DEFAULT_LIFECYCLE, owner: OWNER_REF, system: SYSTEM_NAME, definition },
  };
}

/** Builds every entity of one sync. Versions whose name cannot be made valid, or repeat an earlier name, are skipped. */
export async function transformPortal(read: PortalReadResult, portalServerUrl: string): Promise<TransformResult> {
  const problems: VersionProblem[] = [];
  const apis: ApiEntityBuild[] = [];
  const seen = new Map<string, PortalApiVersion>();
  for (const v of read.versions) {
    const { name, problem } = versionEntityName(v);
    if (problem) problems.push(problem);
    if (!name) continue;
    const earlier = seen.get(name);
    if (earlier) {
      problems.push({ code: 'VERSION_DUPLICATE_NAME', subject: `duplicate:${name}`, message:
        `API product versions "${earlier.apiProductId}-${earlier.apiVersion}" and "${v.apiProductId}-${v.apiVersion}" both become entity "${name}"; the second is skipped` });
      continue;
    }
    seen.set(name, v);
    apis.push({ entity: await apiEntity(v, name, read.listUrl, problems), version: v });
  }
  return { fixed: fixedEntities(portalServerUrl), apis, problems };
}
