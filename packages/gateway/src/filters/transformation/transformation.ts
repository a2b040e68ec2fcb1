// TransformationPolicy at the gateway: header extractors (RE2 matching the whole header value, the subgroup kept;
// no match → empty), then headers set, appended and removed, and an optional text body — on the request before
// it goes upstream, and on the response before it goes to the client.
import type { OutgoingHttpHeaders } from 'node:http';
import { RE2JS } from 're2js';
import type { TransformationTemplateConfig } from '../../config/filters.ts';
import { appendHeader, type UpstreamHeaders } from '../../proxy/headers.ts';
import { compileTemplate, type Template, type TemplateScope } from './template.ts';

export interface CompiledTemplate {
  /** Applies the template to `headers` in place; returns the new body, or null to keep the body. */
  apply(headers: UpstreamHeaders | OutgoingHttpHeaders, requestHeaders: UpstreamHeaders | OutgoingHttpHeaders): string | null;
  readonly hasBody: boolean;
}

function headerValue(h: UpstreamHeaders | OutgoingHttpHeaders, name: string): string {
  const v = h[name];
  if (v === undefined) return '';
  return Array.isArray(v) ? v.join(',') : String(v);
}

function mustCompile(text: string, where: string): Template {
  const t = compileTemplate(text);
  if (!t.ok) throw new Error(`${where}: ${t.message}`);
  return t.render;
}

export function compileTransformation(c: TransformationTemplateConfig): CompiledTemplate {
  const extractors = c.extractors.map((e) => ({ name: e.name, header: e.header.toLowerCase(), re: RE2JS.compile(e.regex, RE2JS.DOTALL), subgroup: e.subgroup }));
  const set = c.headers.map(([k, v]) => [k.toLowerCase(), mustCompile(v, `headers.${k}`)] as const);
  const append = c.headersToAppend.map(([k, v]) => [k.toLowerCase(), mustCompile(v, `headersToAppend.${k}`)] as const);
  const remove = c.headersToRemove.map((n) => n.toLowerCase());
  const body = c.body === null ? null : mustCompile(c.body, 'body');
  return {
    hasBody: body !== null,
    apply(headers, requestHeaders) {
      const extracted = new Map<string, string>();
      for (const e of extractors) {
        const m = e.re.matcher(headerValue(headers, e.header));
        extracted.set(e.name, m.matches() && e.subgroup <= m.groupCount() ? (m.group(e.subgroup) ?? '') : '');
      }
      const scope: TemplateScope = {
        header: (n) => headerValue(headers, n),
        requestHeader: (n) => headerValue(requestHeaders, n),
        extraction: (n) => extracted.get(n) ?? '',
      };
      // Render everything against the original headers first, then write (Envoy's transformation does the same).
      const setValues = set.map(([k, t]) => [k, t(scope)] as const);
      const appendValues = append.map(([k, t]) => [k, t(scope)] as const);
      const newBody = body === null ? null : body(scope);
      for (const [k, v] of setValues) headers[k] = v;
      for (const [k, v] of appendValues) appendHeader(headers, k, v);
      for (const n of remove) delete headers[n];
      return newBody;
    },
  };
}
