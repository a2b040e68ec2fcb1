// SecLang lexing (ModSecurity v3 reference manual, "Configuration Directives"): directives are lines, a
// trailing backslash continues a line, `#` starts a comment line; arguments are whitespace separated and may
// be double-quoted (backslash escapes the next character). Action lists are comma separated and values may be
// single-quoted.

export interface Directive {
  name: string;
  args: string[];
  /** 1-based line of the directive's first line in the rule set. */
  line: number;
}

export function splitDirectives(text: string): Directive[] {
  const out: Directive[] = [];
  const lines = text.split(/\r?\n/);
  let buf = '';
  let start = 0;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (buf === '') {
      const t = raw.trim();
      if (t === '' || t.startsWith('#')) continue;
      start = i + 1;
    }
    const trimmed = raw.replace(/\s+$/, '');
    if (trimmed.endsWith('\\')) {
      buf += trimmed.slice(0, -1) + ' ';
      continue;
    }
    buf += trimmed;
    const args = splitArgs(buf.trim());
    if (args.length > 0) out.push({ name: args[0]!, args: args.slice(1), line: start });
    buf = '';
  }
  if (buf.trim() !== '') {
    const args = splitArgs(buf.trim());
    if (args.length > 0) out.push({ name: args[0]!, args: args.slice(1), line: start });
  }
  return out;
}

/** Whitespace-separated arguments; "double quoted" ones keep their spaces, `\x` inside quotes is x for `"` and `\`. */
export function splitArgs(s: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    while (i < s.length && /\s/.test(s[i]!)) i++;
    if (i >= s.length) break;
    let cur = '';
    if (s[i] === '"') {
      i++;
      while (i < s.length && s[i] !== '"') {
        if (s[i] === '\\' && (s[i + 1] === '"' || s[i + 1] === '\\')) {
          cur += s[i + 1];
          i += 2;
          continue;
        }
        cur += s[i];
        i++;
      }
      i++; // closing quote
    } else {
      while (i < s.length && !/\s/.test(s[i]!)) cur += s[i++];
    }
    out.push(cur);
  }
  return out;
}

/** `id:1,msg:'a, b',t:lowercase` → [['id','1'],['msg','a, b'],['t','lowercase']]. */
export function splitActions(s: string): [string, string][] {
  const out: [string, string][] = [];
  let i = 0;
  while (i < s.length) {
    while (i < s.length && (s[i] === ',' || /\s/.test(s[i]!))) i++;
    if (i >= s.length) break;
    let name = '';
    while (i < s.length && s[i] !== ':' && s[i] !== ',') name += s[i++];
    let value = '';
    if (s[i] === ':') {
      i++;
      if (s[i] === "'") {
        i++;
        while (i < s.length && s[i] !== "'") {
          if (s[i] === '\\' && s[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          value += s[i++];
        }
        i++;
      } else {
        while (i < s.length && s[i] !== ',') value += s[i++];
      }
    }
    out.push([name.trim(), value.trim()]);
  }
  return out;
}
