// The SecLang subset Portico enforces (documented in docs/gloo-support.md): SecRuleEngine, SecRequestBodyAccess,
// SecRule with the variables of variables.ts, the operators of operators.ts, the transformations of
// transforms.ts and the actions id, phase (1, 2), deny, block, drop, pass, allow, status, msg, chain, and the
// informational ones (log, nolog, auditlog, noauditlog, severity, tag, rev, ver, maturity, accuracy, logdata,
// capture). Anything else is reported as a problem naming the line; a rule that cannot be honoured as written
// is dropped (never half-enforced), other directives are ignored.
import { compileOperator, type Operator } from './operators.ts';
import { splitActions, splitDirectives } from './tokenize.ts';
import { TRANSFORMS, type Transform } from './transforms.ts';
import { BODY_VARIABLES, parseTargets, RESPONSE_VARIABLES, type Target } from './variables.ts';

export interface SecRule {
  id: string;
  /** 1 request headers, 2 request body, 3 response headers, 4 response body. */
  phase: 1 | 2 | 3 | 4;
  targets: Target[];
  transforms: Transform[];
  operator: Operator;
  /** 'deny' blocks with `status`; 'allow' stops evaluation and lets the request through; 'pass' continues. */
  disruptive: 'deny' | 'pass' | 'allow';
  status: number;
  msg: string;
  /** Chained rules: all must match for the head rule to act. */
  chain: SecRule[];
  needsBody: boolean;
}

export interface RuleSet {
  engine: 'On' | 'Off' | 'DetectionOnly';
  requestBodyAccess: boolean;
  responseBodyAccess: boolean;
  rules: SecRule[];
  /** Human-readable problems (unsupported directives, variables, operators, actions), each naming the line. */
  problems: string[];
}

const INFORMATIONAL = new Set(['log', 'nolog', 'auditlog', 'noauditlog', 'severity', 'tag', 'rev', 'ver', 'maturity', 'accuracy', 'logdata', 'capture', 'multiMatch']);
const IGNORED_DIRECTIVES = new Set(['SecRequestBodyLimit', 'SecRequestBodyNoFilesLimit', 'SecRequestBodyLimitAction', 'SecResponseBodyLimit', 'SecResponseBodyMimeType', 'SecAuditEngine', 'SecAuditLogParts', 'SecAuditLog', 'SecDebugLog', 'SecDebugLogLevel', 'SecComponentSignature']);

/** Parses several rule sets as one (their directives apply in order, as ModSecurity loads them). */
export function parseRuleSets(texts: readonly string[]): RuleSet {
  const set: RuleSet = { engine: 'On', requestBodyAccess: false, responseBodyAccess: false, rules: [], problems: [] };
  texts.forEach((text, n) => parseInto(set, text, texts.length > 1 ? `rule set ${n + 1} ` : ''));
  return set;
}

function parseInto(set: RuleSet, text: string, where: string): void {
  let chainHead: SecRule | null = null;
  let skipChain = false;
  for (const d of splitDirectives(text)) {
    const at = `${where}line ${d.line}`;
    if (d.name !== 'SecRule') skipChain = false;
    switch (d.name) {
      case 'SecRuleEngine': {
        const v = d.args[0] ?? '';
        if (v === 'On' || v === 'Off' || v === 'DetectionOnly') set.engine = v;
        else set.problems.push(`${at}: SecRuleEngine must be On, Off or DetectionOnly`);
        break;
      }
      case 'SecRequestBodyAccess':
        set.requestBodyAccess = (d.args[0] ?? '') === 'On';
        break;
      case 'SecResponseBodyAccess':
        set.responseBodyAccess = (d.args[0] ?? '') === 'On';
        break;
      case 'SecRule': {
        const continues = /(^|,)\s*chain\s*(,|$)/.test(d.args[2] ?? '');
        const rule = skipChain ? null : parseRule(d.args, at, set.problems);
        if (rule === null) {
          // A chain is enforced whole or not at all.
          if (chainHead !== null && !skipChain) {
            set.rules.splice(set.rules.indexOf(chainHead), 1);
            set.problems.push(`${at}: the chain this rule belongs to is not enforced`);
          }
          chainHead = null;
          skipChain = continues;
          break;
        }
        if (chainHead !== null) {
          chainHead.chain.push(rule);
          chainHead.needsBody ||= rule.needsBody;
          if (!continues) chainHead = null;
        } else {
          set.rules.push(rule);
          if (continues) chainHead = rule;
        }
        break;
      }
      default:
        if (IGNORED_DIRECTIVES.has(d.name)) break;
        set.problems.push(`${at}: directive ${d.name} is not supported and was ignored`);
    }
  }
}

function parseRule(args: string[], at: string, problems: string[]): SecRule | null {
  if (args.length < 2) {
    problems.push(`${at}: SecRule needs VARIABLES "OPERATOR" ["ACTIONS"]`);
    return null;
  }
  const drop = (why: string) => {
    problems.push(`${at}: ${why}; rule not enforced`);
    return null;
  };
  const targets = parseTargets(args[0]!);
  if (!targets.ok) return drop(targets.message);
  if (targets.unsupported.length > 0) problems.push(`${at}: variables ${targets.unsupported.join(', ')} are not supported and are not inspected`);
  if (!targets.targets.some((t) => !t.exclude)) return drop('no supported variable to inspect');
  const op = compileOperator(args[1]!);
  if (!op.ok) return drop(op.message);
  const rule: SecRule = {
    id: '',
    phase: 2,
    targets: targets.targets,
    transforms: [],
    operator: op.test,
    disruptive: 'pass',
    status: 403,
    msg: '',
    chain: [],
    needsBody: targets.targets.some((t) => !t.exclude && BODY_VARIABLES.has(t.name)),
  };
  let explicitDisruptive = false;
  for (const [name, value] of splitActions(args[2] ?? '')) {
    switch (name) {
      case 'id':
        rule.id = value;
        break;
      case 'phase': {
        const p = value === 'request' ? 2 : value === 'response' ? 4 : Number(value);
        if (p !== 1 && p !== 2 && p !== 3 && p !== 4) return drop(`phase:${value} (logging phase) is not supported`);
        rule.phase = p;
        break;
      }
      case 'deny':
      case 'block':
      case 'drop':
        rule.disruptive = 'deny';
        explicitDisruptive = true;
        break;
      case 'pass':
      case 'allow':
        rule.disruptive = name;
        explicitDisruptive = true;
        break;
      case 'status': {
        const s = Number(value);
        if (!Number.isInteger(s) || s < 200 || s > 599) return drop(`status:${value} must be an HTTP status 200–599`);
        rule.status = s;
        break;
      }
      case 'msg':
        rule.msg = value;
        break;
      case 't': {
        if (value === 'none') {
          rule.transforms = [];
          break;
        }
        const t = TRANSFORMS[value];
        if (t === undefined) return drop(`transformation t:${value} is not supported`);
        rule.transforms.push(t);
        break;
      }
      case 'chain':
        break;
      default:
        if (!INFORMATIONAL.has(name)) return drop(`action ${name} is not supported`);
    }
  }
  if (rule.phase <= 2 && rule.targets.some((t) => !t.exclude && RESPONSE_VARIABLES.has(t.name))) return drop('response variables in a request phase (use phase:3 or phase:4)');
  // ModSecurity's default action list is `phase:2,log,auditlog,pass`: a rule without a disruptive action only logs.
  if (!explicitDisruptive) rule.disruptive = 'pass';
  return rule;
}
