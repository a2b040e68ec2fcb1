import { hostname } from 'node:os';
import type { RequestContext } from '../server/context.ts';
import { accessLogRecord, type AccessLogRecord } from './access-log.ts';

// The access-log line built by hand: the same record as accessLogRecord(), serialised without a generic
// JSON walk (pino's per-call serialiser was a large share of the gateway's CPU). The prefix is pino's
// (`level`, `time`, `pid`, `hostname`), so a consumer of the pino-written log sees the same lines.

const PREFIX_TAIL = `,"pid":${process.pid},"hostname":${JSON.stringify(hostname())},`;
/** Characters JSON must escape, plus surrogates (a lone one must be escaped): such strings take the slow path. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\u007f\ud800-\udfff]/;

export function jsonString(s: string): string {
  return NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`;
}

function nullable(s: string | null): string {
  return s === null ? 'null' : jsonString(s);
}

/** One JSON line (with its '\n') for a finished request; `nowMs` is the wall clock for `time`. */
export function accessLogLine(ctx: RequestContext, now: number, nowMs: number): string {
  return recordLine(accessLogRecord(ctx, now), nowMs);
}

/** Serialises a record exactly as JSON.stringify would, field for field, in declaration order. */
export function recordLine(r: AccessLogRecord, nowMs: number): string {
  return (
    `{"level":30,"time":${nowMs}${PREFIX_TAIL}"request_id":${jsonString(r.request_id)},"method":${jsonString(r.method)}` +
    `,"path":${jsonString(r.path)},"authority":${jsonString(r.authority)},"protocol":${jsonString(r.protocol)}` +
    `,"status":${r.status},"duration":${r.duration},"response_flags":${jsonString(r.response_flags)}` +
    `,"route_name":${nullable(r.route_name)},"upstream":${nullable(r.upstream)},"api_id":${nullable(r.api_id)}` +
    `,"api_product_id":${nullable(r.api_product_id)},"api_product_name":${nullable(r.api_product_name)}` +
    `,"custom_metadata":${nullable(r.custom_metadata)},"user_id":${nullable(r.user_id)},"usage_plan":${nullable(r.usage_plan)}` +
    `,"remote_address":${jsonString(r.remote_address)},"user_agent":${nullable(r.user_agent)}}\n`
  );
}
