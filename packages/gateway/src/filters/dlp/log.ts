// DLPPolicy on access logs: every string field of the access-log record goes through the route's masker
// before the line is written.
import type { AccessLogRecord } from '../../log/access-log.ts';
import type { CompiledMasker } from './mask.ts';

export function maskRecord(m: CompiledMasker, r: AccessLogRecord): AccessLogRecord {
  const out = { ...r } as Record<string, unknown>;
  for (const [k, v] of Object.entries(out)) if (typeof v === 'string') out[k] = m.mask(v).text;
  return out as unknown as AccessLogRecord;
}
