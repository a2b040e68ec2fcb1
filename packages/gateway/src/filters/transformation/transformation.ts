// TransformationPolicy at the gateway: header extractors (RE2 matching the whole header value, the subgroup kept;
// no match → empty), then headers set, appended and removed, and an optional text body — on the request before
// it goes upstream, and on the response before it goes to the client.
import type { OutgoingHttpHeaders } from 'node:http';
import { RE2JS } from 're2js';
import type { TransformationTemplateConfig } from '../../config/filters.ts';
import { appendHeader, type UpstreamHeaders } from '../../proxy/headers.ts';
import { compileTemplate, type Template, type TemplateScope } from './template.ts';

export interface CompiledTemplate {
  /** Applies the template to `headers` in place; returns the new body, or null to keep the body. `body` is the
   *  message body when it was buffered (null otherwise). */
  apply(
    headers: UpstreamHeaders | OutgoingHttpHeaders,
    requestHeaders: UpstreamHeaders | OutgoingHttpHeaders,
    body: string | null,
    setMetadata?: (namespace: string, key: string, value: string) => void,
  ): string | null;
  /** The template sets a body. */
  readonly hasBody: boolean;
  /** The template reads the body: it must be buffered before apply(). */
  readonly usesBody: boolean;
}

function headerValue(h: UpstreamHeaders | OutgoingHttpHeaders, name: string): string {
  const v = h[name];
  if (v === undefined) return '';
  return Array.isArray(v) ? v.join(',') : String(v);
}

function mustCompile(text: string, where: string, uses: { body: boolean }): Template {
  const t = compileTemplate(text);
  if (!t.ok) throw new Error(`${where}: ${t.message}`);
  uses.body ||= t.usesBody;
  return t.render;
}

function fieldOf(json: unknown, path: readonly string[]): unknown {
  let cur = json;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

export function compileTransformation(c: TransformationTemplateConfig): CompiledTemplate {
  const extractors = c.extractors.map((e) => ({ name: e.name, header: e.header.toLowerCase(), re: RE2JS.compile(e.regex, RE2JS.DOTALL), subgroup: e.subgroup }));
  const uses = { body: false };
  const set = c.headers.map(([k, v]) => [k.toLowerCase(), mustCompile(v, `headers.${k}`, uses)] as const);
  const append = c.headersToAppend.map(([k, v]) => [k.toLowerCase(), mustCompile(v, `headersToAppend.${k}`, uses)] as const);
  const remove = c.headersToRemove.map((n) => n.toLowerCase());
  const body = c.body === null ? null : mustCompile(c.body, 'body', uses);
  const metadata = c.dynamicMetadata.map((m) => ({ ...m, render: mustCompile(m.value, `dynamicMetadataValues.${m.key}`, uses) }));
  return {
    hasBody: body !== null,
    usesBody: uses.body,
    apply(headers, requestHeaders, messageBody, setMetadata) {
      let parsed: { value: unknown } | null = null;
      const extracted = new Map<string, string>();
      for (const e of extractors) {
        const m = e.re.matcher(headerValue(headers, e.header));
        extracted.set(e.name, m.matches() && e.subgroup <= m.groupCount() ? (m.group(e.subgroup) ?? '') : '');
      }
      const scope: TemplateScope = {
        header: (n) => headerValue(headers, n),
        requestHeader: (n) => headerValue(requestHeaders, n),
        extraction: (n) => extracted.get(n) ?? '',
        body: () => messageBody ?? '',
        field: (path) => {
          if (!c.parseBodyAsJson || messageBody === null) return undefined;
          if (parsed === null) {
            try {
              parsed = { value: JSON.parse(messageBody) };
            } catch {
              parsed = { value: undefined }; // not JSON: fields render empty
            }
          }
          return fieldOf(parsed.value, path);
        },
      };
      // Render everything against the original headers first, then write (Envoy's transformation does the same).
      const setValues = set.map(([k, t]) => [k, t(scope)] as const);
      const appendValues = append.map(([k, t]) => [k, t(scope)] as const);
      const newBody = body === null ? null : body(scope);
      if (setMetadata !== undefined) for (const m of metadata) setMetadata(m.namespace, m.key, m.render(scope));
      for (const [k, v] of setValues) headers[k] = v;
      for (const [k, v] of appendValues) appendHeader(headers, k, v);
      for (const n of remove) delete headers[n];
      return newBody;
    },
  };
}
