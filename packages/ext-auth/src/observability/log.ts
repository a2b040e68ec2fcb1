// The default logger: pino with redaction as a second line of defence. The first line is that ext-auth never
// puts a token, a secret or a query string (RFC 6750 allows access_token there) into a log object.
import { redactObject } from '@portico/redact';
import pino from 'pino';
import type { AuthLogger } from '../pipeline/deps.ts';

export const REDACT_PATHS = ['authorization', '*.authorization', 'token', '*.token', 'clientSecret', '*.clientSecret', 'cookie', '*.cookie'];

export function createAuthLogger(destination?: pino.DestinationStream): AuthLogger {
  return pino({
    name: 'ext-auth',
    level: process.env.PORTICO_LOG_LEVEL ?? 'info',
    // @portico/redact: the one list of credential names every Portico logger applies (headers, query tokens).
    formatters: { log: (obj) => redactObject(obj) as Record<string, unknown> },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
  }, destination ?? pino.destination(2));
}

/** The path without its query string. */
export function loggablePath(path: string): string {
  const q = path.indexOf('?');
  return q === -1 ? path : path.slice(0, q);
}
