// Go strings package semantics that differ from JS: splitting and replacing on an empty separator work on
// code points (runes), and unicode.IsSpace's set of white space.

export function goSplit(s: string, sep: string): string[] {
  return sep === '' ? [...s] : s.split(sep);
}

export function goReplaceAll(s: string, old: string, repl: string): string {
  if (old !== '') return s.split(old).join(repl);
  const runes = [...s];
  return repl + runes.map((r) => r + repl).join('');
}

function cutter(cutset: string): (ch: string) => boolean {
  const set = new Set([...cutset]);
  return (ch) => set.has(ch);
}

export function goTrimLeft(s: string, cutset: string): string {
  if (s === '' || cutset === '') return s;
  const cut = cutter(cutset);
  const rs = [...s];
  let i = 0;
  while (i < rs.length && cut(rs[i])) i++;
  return rs.slice(i).join('');
}

export function goTrimRight(s: string, cutset: string): string {
  if (s === '' || cutset === '') return s;
  const cut = cutter(cutset);
  const rs = [...s];
  let j = rs.length;
  while (j > 0 && cut(rs[j - 1])) j--;
  return rs.slice(0, j).join('');
}

export function goTrim(s: string, cutset: string): string {
  return goTrimRight(goTrimLeft(s, cutset), cutset);
}

// unicode.IsSpace: '\t', '\n', '\v', '\f', '\r', ' ', U+0085 (NEL), U+00A0 (NBSP) and category Zs.
const SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

export function goTrimSpace(s: string): string {
  return s.replace(SPACE, '');
}
