#!/usr/bin/env node
// The `rego` binary (package.json "bin"): `rego eval|test|check`, shaped like `opa eval|test|check`.
import { readFileSync } from 'node:fs';
import { runCli } from './run.ts';

process.exitCode = runCli(process.argv.slice(2), {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  readStdin: () => readFileSync(0, 'utf8'),
  now: () => performance.now(),
});
