// TransformationPolicy → the gateway's transformation filter (gloo-api-more.md §6). The Inja subset the gateway
// renders is checked here with the gateway's own template compiler, so an unsupported expression is named in the
// status (WARNING; that template part is left out). Body extractors and several template fields are reported
// unsupported (field registry).
import type { Resource, TransformationPolicySpec, TransformationTemplate } from '@portico/api';
import { compileTemplate, regexProblem, type TransformationFilterConfig, type TransformationTemplateConfig } from '@portico/gateway';
import type { Compiled } from '../route-policies/policies.ts';

function template(t: TransformationTemplate | undefined, at: string, warnings: string[]): TransformationTemplateConfig | null | string {
  if (t === undefined) return null;
  const out: TransformationTemplateConfig = { parseBodyAsJson: t.parseBodyBehavior !== 'DontParse', extractors: [], headers: [], headersToAppend: [], headersToRemove: t.headersToRemove ?? [], body: null, dynamicMetadata: [] };
  const text = (v: string | undefined, where: string): string | null => {
    const s = v ?? '';
    const c = compileTemplate(s);
    if (!c.ok) {
      warnings.push(`${where}: ${c.message}; not applied`);
      return null;
    }
    return s;
  };
  for (const [name, e] of Object.entries(t.extractors ?? {})) {
    if (e.body !== undefined || e.header === undefined) {
      if (e.body === undefined) warnings.push(`${at}.extractors.${name}: no header to extract from; not applied`);
      continue;
    }
    const problem = regexProblem(e.regex ?? '');
    if (problem !== null) return `${at}.extractors.${name}.regex: ${problem}`;
    out.extractors.push({ name, header: e.header, regex: e.regex ?? '', subgroup: e.subgroup ?? 0 });
  }
  for (const [name, v] of Object.entries(t.headers ?? {})) {
    const s = text(v.text, `${at}.headers.${name}`);
    if (s !== null) out.headers.push([name, s]);
  }
  for (const [i, h] of (t.headersToAppend ?? []).entries()) {
    const s = text(h.value?.text, `${at}.headersToAppend[${i}]`);
    if (s !== null) out.headersToAppend.push([h.key, s]);
  }
  if (t.body !== undefined) out.body = text(t.body.text, `${at}.body`);
  for (const [i, m] of (t.dynamicMetadataValues ?? []).entries()) {
    const v = text(m.value?.text, `${at}.dynamicMetadataValues[${i}]`);
    // Gloo's transformation filter writes under io.solo.transformation unless a namespace is named.
    if (v !== null) out.dynamicMetadata.push({ namespace: m.metadataNamespace || 'io.solo.transformation', key: m.key, value: v });
  }
  if (at.startsWith('config.response') && out.dynamicMetadata.length > 0) warnings.push(`${at}.dynamicMetadataValues: only request templates set dynamic metadata`);
  if (t.advancedTemplates) warnings.push(`${at}.advancedTemplates is not supported (extractors use the header form only)`);
  if (t.escapeCharacters) warnings.push(`${at}.escapeCharacters is not supported`);
  return out;
}

export function compileTransformation(p: Resource<TransformationPolicySpec>): Compiled<TransformationFilterConfig> {
  const c = p.spec.config;
  const warnings: string[] = [];
  const req = template(c.request?.injaTemplate, 'config.request.injaTemplate', warnings);
  if (typeof req === 'string') return { value: null, error: req, warnings };
  const res = template(c.response?.injaTemplate, 'config.response.injaTemplate', warnings);
  if (typeof res === 'string') return { value: null, error: res, warnings };
  if (c.request?.recalculateRoutingDestination) warnings.push('config.request.recalculateRoutingDestination is not supported: the route is chosen before the transformation');
  return { value: { phase: c.phase?.preAuthz !== undefined ? 'preAuthz' : 'postAuthz', request: req, response: res }, error: null, warnings };
}
