// GraphQL lexer with vektah/gqlparser's token kinds and positions (1-based line and rune column);
// a lexing error becomes an <Invalid> token, which the parser reports as gqlparser does.

export type Kind =
  | '<Invalid>' | '<EOF>' | '!' | '$' | '&' | '(' | ')' | '...' | ':' | '=' | '@' | '[' | ']' | '{' | '|' | '}'
  | 'Name' | 'Int' | 'Float' | 'String' | 'BlockString';

export interface Token {
  kind: Kind;
  value: string;
  line: number;
  col: number;
}

const PUNCT = new Set(['!', '$', '&', '(', ')', ':', '=', '@', '[', ']', '{', '|', '}']);

/** Token description in messages: `Name "foo"`, `String "x"`, or the punctuator itself. */
export function describe(t: Token): string {
  if (t.kind === 'Name' || t.kind === 'Int' || t.kind === 'Float' || t.kind === 'String' || t.kind === 'BlockString') {
    return `${t.kind} ${JSON.stringify(t.value)}`;
  }
  return t.kind;
}

/** GraphQL BlockStringValue: common indentation removed, blank first/last lines dropped. */
function blockValue(raw: string): string {
  const lines = raw.split(/\r\n|\n|\r/);
  let common: number | null = null;
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i];
    const indent = l.length - l.replace(/^[ \t]+/, '').length;
    if (indent < l.length && (common === null || indent < common)) common = indent;
  }
  if (common) for (let i = 1; i < lines.length; i++) lines[i] = lines[i].slice(common);
  while (lines.length && /^[ \t]*$/.test(lines[0])) lines.shift();
  while (lines.length && /^[ \t]*$/.test(lines[lines.length - 1])) lines.pop();
  return lines.join('\n');
}

export function lex(src: string): Token[] {
  const out: Token[] = [];
  const cps = [...src];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const col = (at: number) => at - lineStart + 1;
  const newline = (at: number) => {
    line++;
    lineStart = at;
  };
  const push = (kind: Kind, value: string, at: number, shift = 0) => out.push({ kind, value, line, col: col(at) + shift });
  const invalid = () => {
    out.push({ kind: '<Invalid>', value: '', line, col: col(i) });
    return out;
  };
  while (i < cps.length) {
    const c = cps[i];
    if (c === '\uFEFF' || c === ' ' || c === '\t' || c === ',') {
      i++;
      continue;
    }
    if (c === '\n' || c === '\r') {
      i += c === '\r' && cps[i + 1] === '\n' ? 2 : 1;
      newline(i);
      continue;
    }
    if (c === '#') {
      while (i < cps.length && cps[i] !== '\n' && cps[i] !== '\r') i++;
      continue;
    }
    const start = i;
    if (PUNCT.has(c)) {
      push(c as Kind, '', start);
      i++;
      continue;
    }
    if (c === '.') {
      if (cps[i + 1] === '.' && cps[i + 2] === '.') {
        push('...', '', start);
        i += 3;
        continue;
      }
      return invalid();
    }
    if (/[_A-Za-z]/.test(c)) {
      while (i < cps.length && /[_0-9A-Za-z]/.test(cps[i])) i++;
      push('Name', cps.slice(start, i).join(''), start);
      continue;
    }
    if (c === '-' || /[0-9]/.test(c)) {
      const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(cps.slice(i, i + 400).join(''));
      if (!m || m[0] === '-' || m[0] === '') return invalid();
      i += m[0].length;
      if (i < cps.length && /[._A-Za-z0-9]/.test(cps[i])) return invalid();
      push(m[2] || m[3] ? 'Float' : 'Int', m[0], start);
      continue;
    }
    if (c === '"' && cps[i + 1] === '"' && cps[i + 2] === '"') {
      const startLine = line;
      const startCol = col(start);
      i += 3;
      let raw = '';
      for (;;) {
        if (i >= cps.length) return invalid();
        if (cps[i] === '"' && cps[i + 1] === '"' && cps[i + 2] === '"') {
          i += 3;
          break;
        }
        if (cps[i] === '\\' && cps[i + 1] === '"' && cps[i + 2] === '"' && cps[i + 3] === '"') {
          raw += '"""';
          i += 4;
          continue;
        }
        if (cps[i] === '\n' || cps[i] === '\r') {
          raw += cps[i];
          i += cps[i] === '\r' && cps[i + 1] === '\n' ? 2 : 1;
          if (cps[i - 1] === '\n' && cps[i - 2] === '\r') raw += '\n';
          newline(i);
          continue;
        }
        raw += cps[i++];
      }
      out.push({ kind: 'BlockString', value: blockValue(raw), line: startLine, col: startCol + 3 });
      continue;
    }
    if (c === '"') {
      i++;
      let v = '';
      for (;;) {
        if (i >= cps.length || cps[i] === '\n' || cps[i] === '\r') return invalid();
        const d = cps[i];
        if (d === '"') {
          i++;
          break;
        }
        if (d === '\\') {
          const e = cps[i + 1];
          const map: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
          if (e !== undefined && map[e] !== undefined) {
            v += map[e];
            i += 2;
          } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(cps.slice(i + 2, i + 6).join(''))) {
            v += String.fromCharCode(parseInt(cps.slice(i + 2, i + 6).join(''), 16));
            i += 6;
          } else return invalid();
          continue;
        }
        v += d;
        i++;
      }
      push('String', v, start, 1);
      continue;
    }
    return invalid();
  }
  out.push({ kind: '<EOF>', value: '', line, col: col(i) });
  return out;
}
