// Settings of `portico up`: flags override environment variables, which override the defaults
// (gateway 127.0.0.1:8080, admin 127.0.0.1:9900, state directory .portico/, IdP 9000, demo 8081/8082).
import { CliError } from '../errors.ts';
import type { EdgeSettings } from './edge.ts';

export interface UpFlags {
  stateDir?: string;
  adminHost?: string;
  adminPort?: string;
  gatewayHost?: string;
  gatewayPort?: string;
  tlsCert?: string;
  tlsKey?: string;
  idpPort?: string;
  petstorePort?: string;
  tracksPort?: string;
  demo?: boolean;
  idp?: boolean;
  quickstart?: boolean;
  kubeApiHost?: string;
  kubeApiPort?: string;
  insecureAdmin?: boolean;
  translation?: string;
}

export interface UpSettings {
  stateDir: string;
  admin: { host: string; port: number };
  gateway: { host: string; port: number; tlsCert: string | null; tlsKey: string | null } & EdgeSettings;
  idp: { enabled: boolean; port: number };
  demo: { enabled: boolean; petstorePort: number; tracksPort: number };
  quickstart: boolean;
  /** The Kubernetes API (HTTPS, bearer token); port 0 = ephemeral. */
  kubeApi: { host: string; port: number };
  /** --insecure-admin: the admin API takes no token (warned on every start). */
  insecureAdmin: boolean;
  /** Where the control plane translates: on a worker thread of lower CPU priority (default), or on the main
   *  thread, which also accepts the gateway's connections (ReconcilerOptions.translation). */
  translation: 'inline' | 'thread';
}

/** The environment variables `up` reads, for --help and the README. */
export const UP_ENV = {
  stateDir: 'PORTICO_STATE_DIR',
  adminHost: 'PORTICO_ADMIN_HOST',
  adminPort: 'PORTICO_ADMIN_PORT',
  gatewayHost: 'PORTICO_GATEWAY_HOST',
  gatewayPort: 'PORTICO_GATEWAY_PORT',
  tlsCert: 'PORTICO_TLS_CERT',
  tlsKey: 'PORTICO_TLS_KEY',
  idpPort: 'PORTICO_IDP_PORT',
  petstorePort: 'PORTICO_PETSTORE_PORT',
  tracksPort: 'PORTICO_TRACKS_PORT',
  kubeApiHost: 'PORTICO_KUBE_API_HOST',
  kubeApiPort: 'PORTICO_KUBE_API_PORT',
  translation: 'PORTICO_TRANSLATION',
} as const;

export function resolveUpSettings(flags: UpFlags, env: NodeJS.ProcessEnv = process.env): UpSettings {
  const pick = (k: keyof typeof UP_ENV, dflt: string): string => (flags[k] as string | undefined) ?? env[UP_ENV[k]] ?? dflt;
  const port = (k: keyof typeof UP_ENV, dflt: number): number => {
    const raw = pick(k, String(dflt));
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0 || n > 65535) throw new CliError('CLI_USAGE', `error: ${k} must be a port number 0-65535, got ${JSON.stringify(raw)} (flag or ${UP_ENV[k]})`);
    return n;
  };
  const tlsCert = pick('tlsCert', '') || null;
  const tlsKey = pick('tlsKey', '') || null;
  if ((tlsCert === null) !== (tlsKey === null)) throw new CliError('CLI_USAGE', 'error: --tls-cert and --tls-key must be given together');
  const translation = pick('translation', 'thread');
  if (translation !== 'thread' && translation !== 'inline') throw new CliError('CLI_USAGE', `error: translation must be "thread" or "inline", got ${JSON.stringify(translation)} (flag or ${UP_ENV.translation})`);
  return {
    stateDir: pick('stateDir', '.portico'),
    admin: { host: pick('adminHost', '127.0.0.1'), port: port('adminPort', 9900) },
    gateway: { host: pick('gatewayHost', '127.0.0.1'), port: port('gatewayPort', 8080), tlsCert, tlsKey },
    idp: { enabled: flags.idp !== false, port: port('idpPort', 9000) },
    demo: { enabled: flags.demo !== false, petstorePort: port('petstorePort', 8081), tracksPort: port('tracksPort', 8082) },
    quickstart: flags.quickstart === true,
    // With an ephemeral gateway (tests), the Kubernetes API is ephemeral too unless asked for a port.
    kubeApi: { host: pick('kubeApiHost', '127.0.0.1'), port: port('kubeApiPort', pick('gatewayPort', '8080') === '0' ? 0 : 6443) },
    insecureAdmin: flags.insecureAdmin === true || env.PORTICO_INSECURE_ADMIN === '1',
    translation,
  };
}
