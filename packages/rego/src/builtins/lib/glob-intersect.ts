// regex.globs_match: do two "globs" (OPA's subset of regex: literals, `.`, `[...]` classes, `\` escapes,
// each optionally followed by `*` or `+`) match at least one common string? Decided on the product of
// the two token automata, as yashtewari/glob-intersection (OPA's library) does.
import { builtinError } from '../builtin-error.ts';

interface CharSet {
  any: boolean;
  neg: boolean;
  ranges: [number, number][];
}
interface Token {
  set: CharSet;
  star: boolean;
}

function parse(g: string): Token[] {
  const cps = [...g].map((c) => c.codePointAt(0)!);
  const out: Token[] = [];
  let i = 0;
  while (i < cps.length) {
    let set: CharSet;
    const c = cps[i];
    if (c === 0x2e /* . */) {
      set = { any: true, neg: false, ranges: [] };
      i++;
    } else if (c === 0x5c /* \ */) {
      if (i + 1 >= cps.length) throw builtinError(`invalid glob: ${g}`);
      set = { any: false, neg: false, ranges: [[cps[i + 1], cps[i + 1]]] };
      i += 2;
    } else if (c === 0x5b /* [ */) {
      i++;
      const neg = cps[i] === 0x5e; /* ^ */
      if (neg) i++;
      const ranges: [number, number][] = [];
      while (i < cps.length && cps[i] !== 0x5d) {
        let lo = cps[i];
        if (lo === 0x5c) lo = cps[++i];
        i++;
        if (cps[i] === 0x2d && i + 1 < cps.length && cps[i + 1] !== 0x5d) {
          let hi = cps[i + 1];
          i += 2;
          if (hi === 0x5c) hi = cps[i++];
          ranges.push([lo, hi]);
        } else ranges.push([lo, lo]);
      }
      if (i >= cps.length) throw builtinError(`invalid glob: ${g}`);
      i++;
      set = { any: false, neg, ranges };
    } else if (c === 0x2a || c === 0x2b) {
      throw builtinError(`invalid glob: ${g}`);
    } else {
      set = { any: false, neg: false, ranges: [[c, c]] };
      i++;
    }
    if (cps[i] === 0x2a) {
      out.push({ set, star: true });
      i++;
    } else if (cps[i] === 0x2b) {
      out.push({ set, star: false }, { set, star: true });
      i++;
    } else out.push({ set, star: false });
  }
  return out;
}

function covered(lo: number, hi: number, by: [number, number][]): boolean {
  const sorted = by.filter(([a, b]) => b >= lo && a <= hi).sort((x, y) => x[0] - y[0]);
  let next = lo;
  for (const [a, b] of sorted) {
    if (a > next) return false;
    next = Math.max(next, b + 1);
    if (next > hi) return true;
  }
  return next > hi;
}

function intersects(a: CharSet, b: CharSet): boolean {
  if (a.any || b.any) return !(a.any ? b : a).neg || !covered(0, 0x10ffff, (a.any ? b : a).ranges);
  if (a.neg && b.neg) return true;
  if (a.neg || b.neg) {
    const [pos, neg] = a.neg ? [b, a] : [a, b];
    return pos.ranges.some(([lo, hi]) => !covered(lo, hi, neg.ranges));
  }
  return a.ranges.some(([l1, h1]) => b.ranges.some(([l2, h2]) => l1 <= h2 && l2 <= h1));
}

export function globsMatch(g1: string, g2: string): boolean {
  const a = parse(g1);
  const b = parse(g2);
  const seen = new Set<number>();
  const stack: [number, number][] = [[0, 0]];
  const key = (i: number, j: number) => i * (b.length + 1) + j;
  while (stack.length) {
    const [i, j] = stack.pop()!;
    if (seen.has(key(i, j))) continue;
    seen.add(key(i, j));
    if (i === a.length && j === b.length) return true;
    if (i < a.length && a[i].star) stack.push([i + 1, j]);
    if (j < b.length && b[j].star) stack.push([i, j + 1]);
    if (i < a.length && j < b.length && intersects(a[i].set, b[j].set)) {
      stack.push([a[i].star ? i : i + 1, b[j].star ? j : j + 1]);
    }
  }
  return false;
}
