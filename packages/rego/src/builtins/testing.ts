// test.sleep: OPA's builtin for tests (e.g. that time.now_ns stays fixed during one evaluation).
// Builtins are synchronous, so it blocks the thread with Atomics.wait; capped so it cannot stall a caller.
import { T_NULL, T_STR, fn } from './lib/decl.ts';
import { parseDuration } from './lib/gotime-parse.ts';
import { str } from './lib/operands.ts';
import type { BuiltinTable } from './lib/types.ts';

const MAX_SLEEP_MS = 1000;
const cell = new Int32Array(new SharedArrayBuffer(4));

export const testingBuiltins: BuiltinTable = {
  'test.sleep': {
    decl: fn('test.sleep', [T_STR], T_NULL, true),
    impl: (a) => {
      const ms = Number(parseDuration(str(a, 0)) / 1_000_000n);
      if (ms > 0) Atomics.wait(cell, 0, 0, Math.min(ms, MAX_SLEEP_MS));
      return null;
    },
  },
};
