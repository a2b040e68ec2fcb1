// Kubernetes label syntax (keys `prefix/name`, values ≤63) — RouteTable route labels and metadata.labels use it.
import { z } from 'zod';

const NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Returns why `key` is not a valid label key, or null. */
export function labelKeyProblem(key: string): string | null {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : null;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== null && (prefix.length === 0 || prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) {
    return `label key ${JSON.stringify(key)}: prefix must be a DNS subdomain of at most 253 characters`;
  }
  if (name.length === 0 || name.length > 63 || !NAME.test(name)) {
    return `label key ${JSON.stringify(key)}: name must be 1-63 characters, alphanumeric, '-', '_' or '.', starting and ending with an alphanumeric character`;
  }
  return null;
}

export function labelValueProblem(key: string, value: string): string | null {
  if (value === '') return null;
  if (value.length > 63 || !NAME.test(value)) {
    return `label ${JSON.stringify(key)}: value must be at most 63 characters, alphanumeric, '-', '_' or '.', starting and ending with an alphanumeric character`;
  }
  return null;
}

export const stringMap = z.record(z.string(), z.string());

export const labelMap = stringMap.superRefine((labels, ctx) => {
  for (const [k, v] of Object.entries(labels)) {
    const problem = labelKeyProblem(k) ?? labelValueProblem(k, v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, path: [k], params: { rule: 'label syntax' } });
  }
});
