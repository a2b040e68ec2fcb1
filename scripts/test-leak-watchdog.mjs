// Preloaded into every test file's process by scripts/test.mjs (`--import`). Node's test runner waits for a test
// file's process to exit, so a file that leaks a handle (a server, socket, worker thread or timer it never closed)
// used to hang `npm test` after its last test passed — silently, until CI's own time limit. This hook runs after
// the file's last test; if the process is still alive GRACE_MS later, it names what is keeping it alive and exits
// with status 1, which the runner reports as a failed file. The timer is unref'd: a file that cleaned up exits at
// once and never sees it. The grace is long because the file's own after-hooks (registered after this one, so they
// run after it) may stop whole servers; reports reached the runner long before, so none are lost to the exit.
import { after } from 'node:test';

const GRACE_MS = Number(process.env.PORTICO_TEST_LEAK_GRACE_MS ?? '60000');

after(() => {
  const timer = setTimeout(() => {
    const open = process.getActiveResourcesInfo().filter((r) => r !== 'TTYWrap');
    process.stderr.write(
      `\n${process.argv[1]}: still running ${GRACE_MS / 1000} s after its last test, kept alive by: ${open.join(', ')}\n` +
        'close what the test opened (in finally, or an after hook) — the process is stopped so npm test does not hang\n',
    );
    process.exit(1);
  }, GRACE_MS);
  timer.unref();
});
