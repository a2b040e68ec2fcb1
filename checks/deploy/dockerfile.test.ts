// The container image's rules (issue 15), checked on the parsed Dockerfile because images cannot be built here:
// multi-stage on a Node 24 slim base, runtime dependencies only (`npm ci --omit=dev`), a numeric non-root user,
// nothing written outside the state directory volume (read-only root filesystem), and an entrypoint the CLI has.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DockerfileParser, type Copy, type Instruction } from 'dockerfile-ast';
import { ROOT } from '../workspace.ts';
import { cliProblems, envVarIsRead } from './cli-contract.ts';

const dockerfile = DockerfileParser.parse(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
const froms = dockerfile.getFROMs();
const instructions = dockerfile.getInstructions();

/** The instructions of each stage, keyed by its name (the last, unnamed one is 'final'). */
function stages(): Map<string, Instruction[]> {
  const out = new Map<string, Instruction[]>();
  let current: Instruction[] | null = null;
  for (const i of instructions) {
    if (i.getKeyword() === 'FROM') {
      current = [];
      const from = froms.find((f) => f.getRange().start.line === i.getRange().start.line)!;
      out.set(from.getBuildStage() ?? 'final', current);
    } else current?.push(i);
  }
  return out;
}
const byStage = stages();
const final = byStage.get('final') ?? [];
const args = (i: Instruction) => i.getArguments().map((a) => a.getValue());
const jsonArray = (i: Instruction) => JSON.parse(i.getArgumentsContent() ?? '[]') as string[];

test('multi-stage on a pinned Node 24 slim image', () => {
  assert.ok(froms.length >= 2, 'at least a build stage and a runtime stage');
  for (const f of froms) {
    assert.equal(f.getImageName(), 'node', `FROM ${f.getImage()}`);
    assert.match(f.getImageTag() ?? '', /^24\.\d+\.\d+-.*slim$/, `FROM ${f.getImage()}: a pinned Node 24 slim tag`);
  }
  assert.equal(froms.at(-1)!.getBuildStage(), null, 'the last stage is the image');
});

test('the image holds runtime dependencies only: node_modules comes from a stage that ran npm ci --omit=dev', () => {
  const copies = final.filter((i) => i.getKeyword() === 'COPY');
  const nodeModules = copies.find((c) => args(c).some((a) => /\/node_modules$/.test(a)));
  assert.ok(nodeModules, 'node_modules is copied into the image');
  const fromStage = (nodeModules as Copy).getFlags().find((f) => f.getName() === 'from')?.getValue();
  assert.ok(fromStage && byStage.has(fromStage), `node_modules comes from a named stage (${fromStage})`);
  const runs = byStage.get(fromStage)!.filter((i) => i.getKeyword() === 'RUN').map((i) => i.getArgumentsContent() ?? '');
  assert.ok(runs.some((r) => /\bnpm ci\b[^&;]*--omit=dev/.test(r)), `${fromStage} runs npm ci --omit=dev: ${runs.join(' | ')}`);
  assert.ok(!final.some((i) => i.getKeyword() === 'RUN' && /\bnpm (ci|install|i)\b/.test(i.getArgumentsContent() ?? '')), 'the image itself installs nothing');
  // The web app is built in the build stage: at run time Vite (a dev dependency) is absent and the root is read-only.
  assert.ok(copies.some((c) => args(c).some((a) => a.endsWith('portal-ui/dist'))), 'the built portal web app is copied in');
});

test('runs as a numeric non-root user, with the state directory as a volume it owns', () => {
  const users = final.filter((i) => i.getKeyword() === 'USER');
  assert.equal(users.length, 1, 'one USER in the image stage');
  const [uid, gid] = (users[0]!.getArgumentsContent() ?? '').split(':');
  assert.match(uid!, /^\d+$/, 'numeric uid (runAsNonRoot can only verify a numeric one)');
  assert.notEqual(Number(uid), 0, 'not root');
  if (gid !== undefined) assert.notEqual(Number(gid), 0, 'not the root group');
  // Nothing runs as that user before start: every RUN comes before USER, so no layer writes as the runtime user.
  const userLine = users[0]!.getRange().start.line;
  assert.ok(final.filter((i) => i.getKeyword() === 'RUN').every((i) => i.getRange().start.line < userLine), 'RUN only before USER');

  const env = new Map<string, string>();
  for (const e of dockerfile.getENVs()) for (const p of e.getProperties()) env.set(p.getName(), p.getValue() ?? '');
  const stateDir = env.get('PORTICO_STATE_DIR');
  assert.ok(stateDir?.startsWith('/'), 'PORTICO_STATE_DIR is an absolute path');
  const volumes = final.filter((i) => i.getKeyword() === 'VOLUME').flatMap((v) => jsonArray(v));
  assert.deepEqual(volumes, [stateDir], 'the state directory is the one volume');
  const chown = final.find((i) => i.getKeyword() === 'RUN' && (i.getArgumentsContent() ?? '').includes(`chown ${uid}`));
  assert.ok(chown && (chown.getArgumentsContent() ?? '').includes(stateDir!), 'the user owns the state directory');
  for (const name of env.keys()) if (name.startsWith('PORTICO_')) assert.ok(envVarIsRead(name), `${name} is read by Portico`);
});

test('the entrypoint runs a portico command with flags the CLI has', () => {
  const entry = dockerfile.getENTRYPOINTs().map(jsonArray).at(-1);
  const cmd = dockerfile.getCMDs().map(jsonArray).at(-1) ?? [];
  assert.deepEqual(entry, ['node', 'packages/cli/src/main.ts'], 'exec form, node on the CLI');
  assert.deepEqual(cliProblems(cmd), []);
});

test('.dockerignore keeps local installs and state out of the build context', () => {
  const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim());
  for (const p of ['node_modules', '.portico', '.git']) assert.ok(ignored.includes(p), `.dockerignore lists ${p}`);
});
