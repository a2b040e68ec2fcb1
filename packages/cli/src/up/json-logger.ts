import type { GatewayLogger } from '@portico/gateway';
import { redactObject } from '@portico/redact';
import type { CliIO } from '../context.ts';

/** One JSON object per line on stdout (component logs; access-log lines go through the data plane's sonic-boom). */
export function jsonLogger(io: Pick<CliIO, 'stdout'>): GatewayLogger {
  const line = (level: string) => (obj: object, msg?: string) => io.stdout(JSON.stringify({ level, time: new Date().toISOString(), ...(redactObject(obj) as object), ...(msg ? { msg } : {}) }) + '\n');
  return { info: line('info'), warn: line('warn'), error: line('error') };
}
