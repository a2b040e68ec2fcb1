// The admin API token the CLI sends: --token, else PORTICO_TOKEN, else the user token of the kubeconfig's current
// context (KUBECONFIG, else <state dir>/kubeconfig, as portico up writes it) — one credential for kubectl and portico.
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { parse } from 'yaml';

interface Kubeconfig {
  'current-context'?: string;
  contexts?: { name: string; context?: { user?: string } }[];
  users?: { name: string; user?: { token?: string } }[];
}

export function tokenFromKubeconfig(text: string): string | null {
  const k = parse(text) as Kubeconfig | null;
  const ctx = k?.contexts?.find((c) => c.name === k['current-context']);
  const user = k?.users?.find((u) => u.name === ctx?.context?.user);
  return user?.user?.token ?? null;
}

export function adminToken(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string | null {
  if (flag) return flag;
  if (env.PORTICO_TOKEN) return env.PORTICO_TOKEN;
  const files = env.KUBECONFIG ? env.KUBECONFIG.split(delimiter).filter(Boolean) : [join(env.PORTICO_STATE_DIR || '.portico', 'kubeconfig')];
  for (const f of files) {
    if (!existsSync(f)) continue;
    try {
      const t = tokenFromKubeconfig(readFileSync(f, 'utf8'));
      if (t) return t;
    } catch {
      // an unreadable kubeconfig is not ours to report; the admin API answers 401 with what to do
    }
  }
  return null;
}
