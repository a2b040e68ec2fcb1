// The publishable package: compiled to JavaScript (Node strips no types under node_modules), it loads from a
// consumer's node_modules by its exports, with types, and its `rego` bin runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stagePackage } from '../scripts/pack.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

test('published package: exports with types, runs from node_modules, bin works', () => {
  const stage = stagePackage();
  const consumer = mkdtempSync(join(tmpdir(), 'rego-consumer-'));
  try {
    const pkg = JSON.parse(readFileSync(join(stage, 'package.json'), 'utf8'));
    assert.equal(pkg.exports['.'].types, './dist/index.d.ts');
    assert.ok(existsSync(join(stage, 'dist/index.d.ts')) && existsSync(join(stage, 'dist/cli/run.d.ts')));
    assert.deepEqual(Object.keys(pkg.dependencies).sort(), ['re2js', 'yaml'], 'exactly what src/ imports');
    mkdirSync(join(consumer, 'node_modules/@portico'), { recursive: true });
    renameSync(stage, join(consumer, 'node_modules/@portico/rego'));
    for (const dep of ['yaml', 're2js']) symlinkSync(join(root, 'node_modules', dep), join(consumer, 'node_modules', dep));
    writeFileSync(join(consumer, 'package.json'), '{"type":"module"}');
    writeFileSync(
      join(consumer, 'main.js'),
      'import { prepare } from "@portico/rego";\nconst p = prepare({ modules: { "a.rego": "package a\\nallow if input.x == 1" }, query: "data.a.allow" });\nconsole.log(JSON.stringify(p.value.eval({ input: { x: 1 } })));\n',
    );
    const r = spawnSync(process.execPath, ['main.js'], { cwd: consumer, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { ok: true, results: [{ expressions: [true], bindings: {} }] });
    const bin = spawnSync(process.execPath, [join(consumer, 'node_modules/@portico/rego', pkg.bin.rego), 'eval', '-f', 'raw', 'concat(",", ["a", "b"])'], { encoding: 'utf8' });
    assert.equal(bin.stdout, 'a,b\n', bin.stderr);
  } finally {
    rmSync(consumer, { recursive: true, force: true });
    rmSync(stage, { recursive: true, force: true });
  }
});
