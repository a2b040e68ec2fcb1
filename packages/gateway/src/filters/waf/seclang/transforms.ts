// SecLang transformation functions (`t:`) Portico implements; the names and behaviour follow the ModSecurity
// v3 reference manual. An unknown name is reported by the parser and the rule is dropped.

export type Transform = (s: string) => string;

function urlDecode(s: string): string {
  // ModSecurity decodes %XX and '+' and leaves invalid escapes as they are (no exception).
  return s.replace(/\+/g, ' ').replace(/%([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

function urlDecodeUni(s: string): string {
  return urlDecode(s.replace(/%u([0-9a-fA-F]{4})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))));
}

const ENTITIES: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>', nbsp: '\u00a0', apos: "'" };

function htmlEntityDecode(s: string): string {
  return s.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);?/g, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

function jsDecode(s: string): string {
  return s
    .replace(/\\u([0-9a-fA-F]{4})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/\\x([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/\\([^ux])/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v', '0': '\0' })[c] ?? c);
}

function normalizePath(s: string): string {
  const parts: string[] = [];
  for (const seg of s.replace(/\/{2,}/g, '/').split('/')) {
    if (seg === '.') continue;
    if (seg === '..') {
      if (parts.length > 1) parts.pop();
      continue;
    }
    parts.push(seg);
  }
  return parts.join('/');
}

/** ModSecurity's cmdLine: drop \ " ' ^, spaces before / and (, commas/semicolons to spaces, squeeze, lowercase. */
function cmdLine(s: string): string {
  return s
    .replace(/[\\"'^]/g, '')
    .replace(/\s+(?=[/(])/g, '')
    .replace(/[,;]/g, ' ')
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

export const TRANSFORMS: Readonly<Record<string, Transform>> = {
  lowercase: (s) => s.toLowerCase(),
  uppercase: (s) => s.toUpperCase(),
  urlDecode,
  urlDecodeUni,
  htmlEntityDecode,
  jsDecode,
  removeWhitespace: (s) => s.replace(/\s+/g, ''),
  compressWhitespace: (s) => s.replace(/\s+/g, ' '),
  trim: (s) => s.trim(),
  trimLeft: (s) => s.replace(/^\s+/, ''),
  trimRight: (s) => s.replace(/\s+$/, ''),
  removeNulls: (s) => s.replace(/\0/g, ''),
  replaceNulls: (s) => s.replace(/\0/g, ' '),
  base64Decode: (s) => Buffer.from(s, 'base64').toString('latin1'),
  hexDecode: (s) => (/^([0-9a-fA-F]{2})*$/.test(s) ? Buffer.from(s, 'hex').toString('latin1') : s),
  length: (s) => String(Buffer.byteLength(s)),
  normalizePath,
  normalisePath: normalizePath,
  cmdLine,
  removeComments: (s) => s.replace(/\/\*[\s\S]*?(\*\/|$)|<!--[\s\S]*?(-->|$)|--.*$|#.*$/gm, ''),
};
