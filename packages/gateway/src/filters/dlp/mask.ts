// DLPPolicy masking (gloo-api-more.md §11): for each match of an action's regex (or its subgroup), the first
// round(len × percent / 100) characters become maskChar — `hello` at 60 % with `Y` → `YYYlo`; a 16-digit card at
// the default 75 % keeps its last 4 digits. Actions run in order over the text; `shadow` actions only count.
import { RE2JS } from 're2js';
import type { DlpFilterConfig } from '../../config/filters.ts';

export interface CompiledMasker {
  /** The text with every enforced action applied, and how many matches each action had. */
  mask(text: string): { text: string; hits: number };
  readonly accessLogs: boolean;
  readonly responseBody: boolean;
  /** Response header names (lower-case) whose values are masked whole-value by keyValueAction. */
  readonly headerActions: readonly { keys: ReadonlySet<string>; maskChar: string; percent: number; shadow: boolean }[];
}

export function maskSpan(s: string, maskChar: string, percent: number): string {
  const n = Math.round((s.length * percent) / 100);
  return maskChar.repeat(n) + s.slice(n);
}

export function compileMasker(c: DlpFilterConfig): CompiledMasker {
  const actions = c.regexActions.map((a) => ({ ...a, re: RE2JS.compile(a.regex) }));
  return {
    accessLogs: c.accessLogs,
    responseBody: c.responseBody,
    headerActions: c.headerActions.map((h) => ({ keys: new Set(h.keys.map((k) => k.toLowerCase())), maskChar: h.maskChar, percent: h.percent, shadow: h.shadow })),
    mask(text) {
      let out = text;
      let hits = 0;
      for (const a of actions) {
        const m = a.re.matcher(out);
        let result = '';
        let last = 0;
        let from = 0;
        while (from <= out.length && m.find(from)) {
          const g = a.subgroup <= m.groupCount() ? a.subgroup : 0;
          const start = m.start(g);
          const end = m.end(g);
          const whole = m.end(0);
          from = whole > m.start(0) ? whole : whole + 1;
          if (start < 0 || end <= start) continue;
          hits++;
          if (a.shadow) continue;
          result += out.slice(last, start) + maskSpan(out.slice(start, end), a.maskChar, a.percent);
          last = end;
        }
        if (last > 0) out = result + out.slice(last);
      }
      return { text: out, hits };
    },
  };
}
