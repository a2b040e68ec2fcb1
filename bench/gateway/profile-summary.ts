// Summarises a V8 .cpuprofile of a proxy (node --cpu-prof) by who owns the time: node:http's llhttp parser,
// socket writes, node:http/net/streams JavaScript, undici (JavaScript and its llhttp in WebAssembly), Portico's
// code, logging, GC; plus CPU microseconds per request and the top functions by self time. Native bindings show
// up as frames with no URL named after the binding (HTTPParser `execute`, `writev`, `writeLatin1String`…).
// Usage: node bench/gateway/profile-summary.ts file.cpuprofile [topN]

import { readFileSync } from 'node:fs';

export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const SOCKET_WRITES = new Set(['writev', 'writeLatin1String', 'writeUtf8String', 'writeBuffer', 'writeAsciiString', 'writeUcs2String']);

/** Who owns a frame's self time. */
export function area(url: string, fn: string): string {
  if (fn === '(idle)') return 'idle';
  if (fn === '(garbage collector)') return 'GC';
  if (fn === '(program)') return 'V8/native (program)';
  if (url === '' && fn === 'execute') return 'llhttp: node:http request parsing (native)';
  if (url === '' && SOCKET_WRITES.has(fn)) return 'socket writes (native, kernel send)';
  if (url.startsWith('wasm://') || fn.startsWith('wasm-function') || fn.startsWith('$')) return 'undici: llhttp response parsing (wasm)';
  if (url.includes('/undici/')) return 'undici: client JavaScript';
  if (url.includes('packages/gateway') || url.includes('packages/redact')) return 'Portico gateway code';
  if (url.includes('/pino') || url.includes('sonic-boom')) return 'access log (pino/sonic-boom)';
  if (url.includes('bench/gateway')) return 'bench proxy code';
  if (/^node:(_http_|http)/.test(url)) return 'node:http JavaScript (server, incoming, outgoing)';
  if (/^node:(net|internal\/stream_base|internal\/streams|stream|events|internal\/event)/.test(url) || url === 'node:internal/timers') return 'node:net, streams, events, timers';
  if (url.includes('node_modules')) return 'other node_modules';
  if (url.startsWith('node:')) return 'other node internals';
  if (url === '') return 'other native / builtins';
  return 'other';
}

/** Frames whose inclusive time (themselves and everything they call) the summary reports: what a request's
 *  big steps cost, wherever the self time lands. Labels may nest (the response write runs inside undici's parse). */
export function inclusiveLabel(url: string, fn: string): string | null {
  if ((url === 'node:_http_outgoing' && (fn === 'end' || fn === 'write' || fn === '_writeRaw')) || (url === 'node:_http_server' && fn === 'writeHead')) {
    return 'node:http response writing (writeHead/write/end, with the socket write)';
  }
  if (url === 'node:_http_server' && fn === 'parserOnIncoming') return 'node:http request dispatch (parserOnIncoming: IncomingMessage/ServerResponse set-up and the handler)';
  if (url === 'node:_http_common' && fn === 'parserOnHeadersComplete') return 'node:http request head callback (parserOnHeadersComplete, handler included)';
  if (url.includes('/undici/') && fn === 'dispatch') return 'undici dispatch (request queued and written to the upstream socket)';
  if (url.includes('/undici/') && url.endsWith('client-h1.js') && fn === 'execute') return 'undici response parse (llhttp wasm and its callbacks, response write included)';
  if (url === '' && SOCKET_WRITES.has(fn)) return 'socket write syscalls (writev/writeString)';
  if (url === 'node:internal/stream_base_commons' && fn === 'onStreamRead') return 'socket reads delivered to JavaScript (onStreamRead)';
  return null;
}

/** Self-time summary of the samples between fromUs and toUs (profile clock); the whole profile by default. */
export function summariseProxyProfile(p: CpuProfile, o: { top?: number; fromUs?: number; toUs?: number; requests?: number } = {}): string {
  const top = o.top ?? 15;
  const from = o.fromUs ?? -Infinity;
  const to = o.toUs ?? Infinity;
  const self = new Map<number, number>();
  let t = p.startTime;
  for (let i = 0; i < p.samples.length; i++) {
    const d = p.timeDeltas[i] ?? 0;
    t += d;
    if (t >= from && t <= to) self.set(p.samples[i]!, (self.get(p.samples[i]!) ?? 0) + d);
  }
  const byArea = new Map<string, number>();
  const byFn = new Map<string, number>();
  let total = 0;
  for (const n of p.nodes) {
    const us = self.get(n.id) ?? 0;
    if (us === 0) continue;
    total += us;
    const { functionName, url, lineNumber } = n.callFrame;
    const a = area(url, functionName);
    byArea.set(a, (byArea.get(a) ?? 0) + us);
    if (a === 'idle') continue;
    const where = url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(packages|bench)\//, '$1/');
    const key = `${functionName || '(anonymous)'} ${where}${where ? `:${lineNumber + 1}` : ''}`;
    byFn.set(key, (byFn.get(key) ?? 0) + us);
  }
  const busy = total - (byArea.get('idle') ?? 0);
  const pct = (us: number) => `${((100 * us) / busy).toFixed(1)}%`.padStart(6);
  const lines = [`profiled ${(total / 1e6).toFixed(1)} s, busy ${(busy / 1e6).toFixed(2)} s (${((100 * busy) / total).toFixed(0)}% of one core)`];
  if (o.requests) lines.push(`CPU per request: ${(busy / o.requests).toFixed(1)} µs (${o.requests.toFixed(0)} requests)`);
  lines.push('self time by owner (share of busy time):');
  for (const [a, us] of [...byArea].sort((x, y) => y[1] - x[1])) {
    if (a !== 'idle') lines.push(`  ${pct(us)}  ${(us / 1e3).toFixed(0).padStart(6)} ms  ${a}${o.requests ? `  (${(us / o.requests).toFixed(1)} µs/req)` : ''}`);
  }
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const inclusive = new Map<string, number>();
  for (const [id, us] of self) {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const { url, functionName } = byId.get(at)!.callFrame;
      const label = inclusiveLabel(url, functionName);
      if (label !== null && !seen.has(label)) {
        seen.add(label);
        inclusive.set(label, (inclusive.get(label) ?? 0) + us);
      }
    }
  }
  lines.push('inclusive time of the big steps (share of busy time; steps nest):');
  for (const [l, us] of [...inclusive].sort((x, y) => y[1] - x[1])) lines.push(`  ${pct(us)}  ${(us / 1e3).toFixed(0).padStart(6)} ms  ${l}${o.requests ? `  (${(us / o.requests).toFixed(1)} µs/req)` : ''}`);
  lines.push(`top ${top} functions by self time:`);
  for (const [f, us] of [...byFn].sort((x, y) => y[1] - x[1]).slice(0, top)) lines.push(`  ${pct(us)}  ${(us / 1e3).toFixed(0).padStart(6)} ms  ${f}`);
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(`${summariseProxyProfile(JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as CpuProfile, { top: Number(process.argv[3] ?? 15) })}\n`);
}
