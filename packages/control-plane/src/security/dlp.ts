// DLPPolicy → the gateway's DLP filter (gloo-api-more.md §11). Predefined actions carry the regexes of Gloo's
// DLP proto comment (subgroup 1 is masked); defaults maskChar X and 75 %.
import type { DlpPolicySpec, Resource } from '@portico/api';
import { regexProblem, type DlpFilterConfig } from '@portico/gateway';
import type { Compiled } from '../route-policies/policies.ts';

const CARD = {
  VISA: ['(?:^|\\D)(4[0-9]{3}[ -]?[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{4})(?:\\D|$)'],
  MASTERCARD: ['(?:^|\\D)(5[1-5][0-9]{2}[ -]?[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{4})(?:\\D|$)'],
  AMEX: ['(?:^|\\D)((?:34|37)[0-9]{2}[ -]?[0-9]{6}[ -]?[0-9]{5})(?:\\D|$)'],
  DISCOVER: ['(?:^|\\D)(6011[ -]?[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{4})(?:\\D|$)', '(?:^|\\D)(65[0-9]{2}[ -]?[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{4})(?:\\D|$)'],
  JCB: ['(?:^|\\D)(3[0-9]{3}[ -]?[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{4})(?:\\D|$)', '(?:^|\\D)((?:2131|1800)[0-9]{11})(?:\\D|$)'],
  DINERS_CLUB: ['(?:^|\\D)(30[0-5][0-9][ -]?[0-9]{6}[ -]?[0-9]{4})(?:\\D|$)', '(?:^|\\D)((?:36|38)[0-9]{2}[ -]?[0-9]{6}[ -]?[0-9]{4})(?:\\D|$)'],
};

export const PREDEFINED: Record<string, string[]> = {
  ...CARD,
  ALL_CREDIT_CARDS: Object.values(CARD).flat(),
  SSN: ['(?:^|\\D)([0-9]{9})(?:\\D|$)', '(?:^|\\D)([0-9]{3}-[0-9]{2}-[0-9]{4})(?:\\D|$)', '(?:^|\\D)([0-9]{3} [0-9]{2} [0-9]{4})(?:\\D|$)'],
  CREDIT_CARD_TRACKERS: ['(?:^|\\s)(%?[Bb][0-9]{13,19}\\^[-/.\\w\\s]{2,26}\\^[0-9][0-9][01][0-9][0-9]{3})', '(?:^|\\s)(;[0-9]{13,19}=(?:[0-9]{3}|)(?:[0-9]{4}|=))'],
};

function pct(v: number | { value: number } | undefined): number {
  if (v === undefined) return 75;
  return typeof v === 'number' ? v : v.value;
}

export function compileDlp(p: Resource<DlpPolicySpec>): Compiled<DlpFilterConfig> {
  const c = p.spec.config;
  const warnings: string[] = [];
  const out: DlpFilterConfig = { regexActions: [], headerActions: [], responseBody: c.sanitize !== 'ACCESS_LOGS', accessLogs: c.sanitize !== 'RESPONSE_BODY' };
  for (const [i, a] of (c.actions ?? []).entries()) {
    const shadow = a.shadow ?? false;
    if (a.customAction) {
      const ca = a.customAction;
      for (const [j, r] of (ca.regexActions ?? []).entries()) {
        const problem = regexProblem(r.regex);
        if (problem !== null) return { value: null, error: `config.actions[${i}].customAction.regexActions[${j}].regex: ${problem}`, warnings };
        out.regexActions.push({ name: ca.name ?? `action-${i}`, regex: r.regex, subgroup: r.subgroup ?? 0, maskChar: ca.maskChar || 'X', percent: pct(ca.percent), shadow });
      }
    } else if (a.keyValueAction) {
      const kv = a.keyValueAction;
      out.headerActions.push({ name: kv.name ?? `action-${i}`, keys: kv.keysToMask ?? [], maskChar: kv.maskChar || 'X', percent: pct(kv.percent), shadow });
      if (!out.responseBody) warnings.push(`config.actions[${i}].keyValueAction masks response headers only; with sanitize ACCESS_LOGS it has no effect`);
    } else {
      const name = a.predefinedAction ?? 'ALL_CREDIT_CARDS';
      for (const regex of PREDEFINED[name]!) out.regexActions.push({ name, regex, subgroup: 1, maskChar: 'X', percent: 75, shadow });
    }
  }
  if ((c.actions ?? []).length === 0) warnings.push('config.actions is empty: nothing is masked');
  return { value: out, error: null, warnings };
}
