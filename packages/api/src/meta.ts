// Kubernetes-style object metadata and the generic resource envelope (architecture.md, contract 1).
import { z } from 'zod';
import { labelMap, stringMap } from './common/labels.ts';

export interface ObjectMeta {
  name: string;
  namespace: string;
  uid: string;
  generation: number;
  resourceVersion: string;
  creationTimestamp: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** A stored resource. ConfigMap and Secret carry `data` (Secret also `type`) instead of `spec`. */
export interface Resource<S = unknown, St = unknown> {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec: S;
  status?: St;
  /** ConfigMap / Secret only. Secret values are base64 as in Kubernetes. */
  data?: Record<string, string>;
  /** Secret only. */
  type?: string;
}

/** What a user (or a translation stage) submits: metadata without the server-assigned fields. */
export interface ResourceInput<S = unknown> {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: S;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  type?: string;
  status?: unknown;
}

export interface ObjectRef {
  kind: string;
  namespace: string;
  name: string;
}

export const DEFAULT_NAMESPACE = 'default';

// DNS-1123 subdomain for names, DNS-1123 label for namespaces (what the Kubernetes API server enforces).
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export const objectMetaInput = z.object({
  name: z
    .string({ error: 'Required' })
    .min(1, 'Required')
    .max(253, 'must be no more than 253 characters')
    .regex(SUBDOMAIN, "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character"),
  namespace: z
    .string()
    .max(63, 'must be no more than 63 characters')
    .regex(LABEL, "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character")
    .optional(),
  labels: labelMap.optional(),
  annotations: stringMap.optional(),
  // Server-assigned fields are accepted (so `get -o yaml | apply -f -` round-trips) and ignored.
  uid: z.string().optional(),
  generation: z.number().optional(),
  resourceVersion: z.string().optional(),
  creationTimestamp: z.string().nullable().optional(), // kubectl writes `creationTimestamp: null` into what it generates
});

export function refOf(r: { kind: string; metadata: { namespace?: string; name: string } }): ObjectRef {
  return { kind: r.kind, namespace: r.metadata.namespace ?? DEFAULT_NAMESPACE, name: r.metadata.name };
}

export function refKey(ref: ObjectRef): string {
  return `${ref.kind}/${ref.namespace}/${ref.name}`;
}
