// RFC 8725 §3.9 / RFC 7519 §4: a JWT whose header or claims repeat a member name must be rejected or read
// "last one wins"; two parsers of the same token (a gateway and an upstream, a policy and a verifier) may pick
// different copies, so Portico rejects. JSON.parse cannot report duplicates, hence this small scanner; it runs
// on text JSON.parse has already accepted, so it only tracks strings, nesting and member names.

/** The first member name that repeats within one object of a valid JSON text, or null. */
export function duplicateJsonMember(json: string): string | null {
  // Fast exit: no object can hold two members without a comma.
  if (!json.includes(',')) return null;
  const stack: (Set<string> | null)[] = [];
  let expectKey = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c === 0x22 /* " */) {
      let j = i + 1;
      let escaped = false;
      for (; j < json.length; j++) {
        const d = json.charCodeAt(j);
        if (d === 0x5c /* \ */) {
          escaped = true;
          j++;
        } else if (d === 0x22) break;
      }
      const top = stack[stack.length - 1];
      if (expectKey && top) {
        const raw = json.slice(i, j + 1);
        // "a" and "\u0061" are the same name.
        const name = escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1);
        if (top.has(name)) return name;
        top.add(name);
        expectKey = false;
      }
      i = j;
    } else if (c === 0x7b /* { */) {
      stack.push(new Set());
      expectKey = true;
    } else if (c === 0x5b /* [ */) {
      stack.push(null);
      expectKey = false;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
      expectKey = false;
    } else if (c === 0x2c /* , */) {
      expectKey = stack[stack.length - 1] instanceof Set;
    }
  }
  return null;
}

/** For tokens verified by jose (which reads the last copy): the repeated member of a compact JWT's header or claims. */
export function jwtRepeatedMember(token: string): string | null {
  const [h = '', p = ''] = token.split('.', 2);
  return duplicateJsonMember(Buffer.from(h, 'base64url').toString('utf8')) ?? duplicateJsonMember(Buffer.from(p, 'base64url').toString('utf8'));
}
