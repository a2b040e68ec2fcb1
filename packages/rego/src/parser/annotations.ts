// `# METADATA` comment blocks (OPA annotations): YAML in comments right before a package or rule. The block
// applies to the first non-comment line after it; annotations are keyed by that line's row.
import { parse } from 'yaml';

export type Annotations = Record<string, unknown>;

function normalizeAuthor(a: unknown): unknown {
  if (typeof a !== 'string') return a;
  const m = /^(.*?)\s*<([^>]+)>$/.exec(a.trim());
  return m ? (m[1] ? { name: m[1], email: m[2] } : { email: m[2] }) : { name: a.trim() };
}

export function parseAnnotations(src: string): Map<number, Annotations> {
  const lines = src.split('\n');
  const out = new Map<number, Annotations>();
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== '# METADATA') continue;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && lines[j].trim().startsWith('#'); j++) body.push(lines[j].trim().replace(/^# ?/, ''));
    let doc: unknown;
    try {
      doc = parse(body.join('\n'));
    } catch {
      continue; // OPA reports bad YAML at compile time; here the block is ignored
    }
    if (doc && typeof doc === 'object' && !Array.isArray(doc)) {
      const a = { ...(doc as Annotations) };
      if (Array.isArray(a.authors)) a.authors = a.authors.map(normalizeAuthor);
      out.set(j + 1, a);
    }
    i = j - 1;
  }
  return out;
}
