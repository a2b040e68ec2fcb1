// Reads `glooPlatformPortal.backend.*` — the keys of the seed's app-config.local.yaml — once, into a frozen object.
// Defaults follow Solo's plugin: syncFrequency 5 minutes and syncTimeout 30 seconds when the block is absent,
// empty or all zero; one trailing slash of portalServerUrl is dropped.
import { inspect } from 'node:util';
import { readDurationFromConfig, type Config } from '@backstage/config';
import type { HumanDuration } from '@backstage/types';
import { PorticoSyncError } from '../errors.ts';

export const CONFIG_ROOT = 'glooPlatformPortal.backend';
export const DEFAULT_PORTAL_SERVER_URL = 'http://localhost:31080/v1';
export const DEFAULT_SYNC_FREQUENCY: HumanDuration = Object.freeze({ minutes: 5 });
export const DEFAULT_SYNC_TIMEOUT: HumanDuration = Object.freeze({ seconds: 30 });

/** A secret that prints as [redacted] whichever way it is logged or serialised; `reveal()` is the only way out. */
export class Secret {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  reveal(): string {
    return this.#value;
  }
  toString(): string {
    return '[redacted]';
  }
  toJSON(): string {
    return '[redacted]';
  }
  [inspect.custom](): string {
    return '[redacted]';
  }
}

export interface ClientCredentials {
  tokenEndpoint: string;
  clientId: string;
  clientSecret: Secret;
}

export interface PortalSyncConfig {
  portalServerUrl: string;
  /** null when none of clientId/clientSecret/tokenEndpoint is set: the portal is read anonymously (public APIs). */
  credentials: ClientCredentials | null;
  debugLogging: boolean;
  syncFrequency: HumanDuration;
  syncTimeout: HumanDuration;
}

function invalid(key: string, why: string, cause?: unknown): PorticoSyncError {
  return new PorticoSyncError('CONFIG_INVALID', `${CONFIG_ROOT}.${key} ${why}`, { cause });
}

function optionalString(config: Config | undefined, key: string): string {
  try {
    return config?.getOptionalString(key)?.trim() ?? '';
  } catch (err) {
    throw invalid(key, 'must be a string', err);
  }
}

export function durationToMs(d: HumanDuration): number {
  const ms = (d.milliseconds ?? 0) + (d.seconds ?? 0) * 1e3 + (d.minutes ?? 0) * 6e4 + (d.hours ?? 0) * 36e5 +
    (d.days ?? 0) * 864e5 + (d.weeks ?? 0) * 6048e5 + (d.months ?? 0) * 2592e6 + (d.years ?? 0) * 31536e6;
  return ms;
}

function readDuration(config: Config | undefined, key: string, fallback: HumanDuration): HumanDuration {
  if (!config?.has(key)) return fallback;
  const value = config.get(key);
  // Solo's plugin treats an empty block like an absent one; readDurationFromConfig would reject it.
  if (value !== null && typeof value === 'object' && Object.keys(value).length === 0) return fallback;
  let duration: HumanDuration;
  try {
    duration = readDurationFromConfig(config, { key });
  } catch (err) {
    throw invalid(key, `is not a duration: ${(err as Error).message}`, err);
  }
  const ms = durationToMs(duration);
  if (!Number.isFinite(ms) || ms < 0) throw invalid(key, 'must not be negative');
  return ms === 0 ? fallback : Object.freeze({ ...duration });
}

function readPortalServerUrl(config: Config | undefined): string {
  const raw = optionalString(config, 'portalServerUrl') || DEFAULT_PORTAL_SERVER_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch (err) {
    throw invalid('portalServerUrl', `is not a URL: "${raw}"`, err);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalid('portalServerUrl', `must be an http(s) URL, got "${url.protocol}"`);
  }
  return raw.endsWith('/') ? raw.slice(0, -1) : raw;
}

function readCredentials(config: Config | undefined): ClientCredentials | null {
  const clientId = optionalString(config, 'clientId');
  const clientSecret = optionalString(config, 'clientSecret');
  const tokenEndpoint = optionalString(config, 'tokenEndpoint');
  if (!clientId && !clientSecret && !tokenEndpoint) return null;
  // Half a configuration is a mistake worth stopping for: a silent anonymous fallback would hide private APIs.
  for (const [key, value] of [['clientId', clientId], ['clientSecret', clientSecret], ['tokenEndpoint', tokenEndpoint]]) {
    if (!value) throw invalid(key as string, 'must be set when any of clientId, clientSecret, tokenEndpoint is set');
  }
  try {
    new URL(tokenEndpoint);
  } catch (err) {
    throw invalid('tokenEndpoint', `is not a URL: "${tokenEndpoint}"`, err);
  }
  return Object.freeze({ tokenEndpoint, clientId, clientSecret: new Secret(clientSecret) });
}

/** Reads the module's configuration from the root config; throws PorticoSyncError(CONFIG_INVALID) naming the key. */
export function readPortalSyncConfig(rootConfig: Config): PortalSyncConfig {
  const config = rootConfig.getOptionalConfig(CONFIG_ROOT);
  let debugLogging: boolean;
  try {
    debugLogging = config?.getOptionalBoolean('debugLogging') ?? false;
  } catch (err) {
    throw invalid('debugLogging', 'must be a boolean', err);
  }
  return Object.freeze({
    portalServerUrl: readPortalServerUrl(config),
    credentials: readCredentials(config),
    debugLogging,
    syncFrequency: readDuration(config, 'syncFrequency', DEFAULT_SYNC_FREQUENCY),
    syncTimeout: readDuration(config, 'syncTimeout', DEFAULT_SYNC_TIMEOUT),
  });
}
