// A real child process for tests that need real IPC (a feed relayed from a primary to its workers): the parent
// forks a fixture module on the same Node (process.execPath, its execArgv, 'advanced' serialization like
// node:cluster in `portico up`) and asks it questions over the channel; the fixture answers with answerParent. What
// the child prints on stdout (one JSON value a line) is collected, for what it reports after the channel is gone.
import { fork, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

const TAG = 'portico.fixture';
interface Ask {
  t: typeof TAG;
  id: number;
  ask: unknown;
}
interface Answer {
  t: typeof TAG;
  id: number;
  answer?: unknown;
  error?: string;
}
const isTagged = (m: unknown): m is { t: typeof TAG } => typeof m === 'object' && m !== null && (m as { t?: unknown }).t === TAG;

export interface ForkedFixture {
  child: ChildProcess;
  /** Resolves once the fixture called answerParent (it is set up); rejects if it exits first. */
  ready: Promise<void>;
  /** Sends `ask` to the fixture's handler and resolves with its answer. */
  ask<T>(ask: unknown): Promise<T>;
  /** The JSON values the fixture printed on stdout so far, in order. */
  printed: unknown[];
  /** Resolves once the fixture exited. */
  exited: Promise<number | null>;
  /** Kills the fixture (if still running) and waits for it to exit. */
  stop(): Promise<void>;
}

export function forkFixture(module: URL, args: string[] = []): ForkedFixture {
  const child = fork(module, args, { execPath: process.execPath, serialization: 'advanced', stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const printed: unknown[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => printed.push(JSON.parse(line)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let nextId = 1;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const ready = new Promise<void>((resolve, reject) => {
    child.on('message', (m: unknown) => {
      if (!isTagged(m)) return;
      const a = m as Answer;
      if (a.id === 0) return resolve();
      const w = waiting.get(a.id);
      waiting.delete(a.id);
      if (a.error !== undefined) w?.reject(new Error(a.error));
      else w?.resolve(a.answer);
    });
    void exited.then((code) => {
      reject(new Error(`fixture ${module.pathname} exited (code ${code}) before it was ready`));
      for (const w of waiting.values()) w.reject(new Error(`fixture exited (code ${code})`));
      waiting.clear();
    });
  });
  ready.catch(() => undefined); // observed by whoever awaits it
  return {
    child,
    ready,
    printed,
    exited,
    ask<T>(ask: unknown) {
      return new Promise<T>((resolve, reject) => {
        const id = nextId++;
        waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
        child.send({ t: TAG, id, ask } satisfies Ask, (err) => err && reject(err));
      });
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill();
      await exited;
    },
  };
}

/** The fixture's side: answers the parent's asks with `handler` and tells the parent it is ready. */
export function answerParent(handler: (ask: unknown) => unknown): void {
  process.on('message', (m: unknown) => {
    if (!isTagged(m)) return;
    const { id, ask } = m as Ask;
    const reply = (a: Omit<Answer, 't' | 'id'>) => process.send?.({ t: TAG, id, ...a } satisfies Answer, () => undefined);
    Promise.resolve()
      .then(() => handler(ask))
      .then(
        (answer) => reply({ answer }),
        (err: Error) => reply({ error: err.message }),
      );
  });
  process.send?.({ t: TAG, id: 0 } satisfies Answer, () => undefined);
}
