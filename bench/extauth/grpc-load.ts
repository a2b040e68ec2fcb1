// Load generator for the gRPC Check bench, run as its own process (spawned by grpc-check.ts) so that neither the
// server under test nor the orchestrating parent shares its event loop. Open loop: request i is due at
// start + i/rps; each tick sends every request that is due, and latency is measured from the *intended* send
// time, so a stalled generator or server shows up in the figures instead of hiding (no coordinated omission).
// Arguments (JSON in argv[2]): { port, token, rps, seconds }. Prints one JSON line with the raw results.
import * as grpc from '@grpc/grpc-js';
import { authorizationService } from '../../packages/ext-auth/src/transport/grpc/protos.ts';
import { wireCheckRequest } from './setup.ts';

type Client = { Check(r: unknown, cb: (e: Error | null, res: { status: { code: number } }) => void): void; close(): void };
const { port, token, rps, seconds } = JSON.parse(process.argv[2]!) as { port: number; token: string; rps: number; seconds: number };

const client = new (authorizationService())(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), { 'grpc.enable_channelz': 0 }) as unknown as Client;
const reqs = [wireCheckRequest(token, 'tracks'), wireCheckRequest(token, 'petstore')];

function call(i: number, from: number, onDone: (ms: number, ok: boolean) => void): void {
  client.Check(reqs[i & 1], (e, res) => onDone(performance.now() - from, !e && res.status.code === 0));
}
const once = (i: number) => new Promise<number>((resolve) => { const t0 = performance.now(); call(i, t0, (ms) => resolve(ms)); });

for (let i = 0; i < 500; i++) await once(i); // warm-up (connection, JIT)
// Closed loop (one call at a time): per-call latency without queueing.
const seq: number[] = [];
for (let i = 0; i < 1000; i++) seq.push(await once(i));

const total = Math.round(rps * seconds);
const latency = new Float64Array(total);
const sendLag = new Float64Array(total); // how late the generator itself sent each request
const service = new Float64Array(total); // from the actual send: what the transport + server added
let done = 0;
let errors = 0;
const start = performance.now() + 5;
await new Promise<void>((resolve) => {
  let next = 0;
  const tick = () => {
    const now = performance.now();
    while (next < total && start + (next * 1000) / rps <= now) {
      const i = next++;
      const due = start + (i * 1000) / rps;
      sendLag[i] = now - due;
      call(i, due, (ms, ok) => {
        latency[i] = ms;
        service[i] = ms - sendLag[i]!;
        if (!ok) errors++;
        if (++done === total) resolve();
      });
    }
    if (next < total) setTimeout(tick, Math.max(0, start + (next * 1000) / rps - performance.now()));
  };
  setTimeout(tick, 5);
});
client.close();
process.stdout.write(`${JSON.stringify({ latency: [...latency], sendLag: [...sendLag], service: [...service], errors, seq })}\n`);
