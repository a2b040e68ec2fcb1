// The gateway workers' malloc settings (up/workers/malloc-env.ts): the default, the override, a bad override.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CliError } from '../src/errors.ts';
import { workerMallocEnv } from '../src/up/workers/malloc-env.ts';

test('workers get one malloc arena unless the environment or PORTICO_WORKER_MALLOC_ENV says otherwise', () => {
  assert.deepEqual(workerMallocEnv({}), { MALLOC_ARENA_MAX: '1' });
  assert.deepEqual(workerMallocEnv({ PORTICO_WORKER_MALLOC_ENV: '' }), {}, 'empty: glibc defaults');
  assert.deepEqual(workerMallocEnv({ PORTICO_WORKER_MALLOC_ENV: ' MALLOC_ARENA_MAX=2  GLIBC_TUNABLES=glibc.malloc.trim_threshold=65536 ' }), {
    MALLOC_ARENA_MAX: '2',
    GLIBC_TUNABLES: 'glibc.malloc.trim_threshold=65536',
  });
  // The operator's own settings are theirs: the workers inherit them, the defaults fill in only what is unset.
  assert.deepEqual(workerMallocEnv({ MALLOC_ARENA_MAX: '4' }), {});
  assert.deepEqual(workerMallocEnv({ GLIBC_TUNABLES: 'glibc.malloc.tcache_count=0:glibc.malloc.arena_max=2' }), {});
  assert.deepEqual(workerMallocEnv({ GLIBC_TUNABLES: 'glibc.malloc.mmap_threshold=262144' }), { MALLOC_ARENA_MAX: '1' }, 'another tunable leaves the arenas to the default');
  assert.deepEqual(workerMallocEnv({ MALLOC_ARENA_MAX: '4', PORTICO_WORKER_MALLOC_ENV: 'MALLOC_ARENA_MAX=2' }), { MALLOC_ARENA_MAX: '2' }, 'the explicit override wins');
  for (const bad of ['MALLOC_ARENA_MAX', '=1', 'MALLOC_ARENA_MAX=1 oops']) {
    assert.throws(
      () => workerMallocEnv({ PORTICO_WORKER_MALLOC_ENV: bad }),
      (e: unknown) => e instanceof CliError && e.code === 'CLI_USAGE' && /PORTICO_WORKER_MALLOC_ENV must be space-separated NAME=VALUE pairs/.test(e.message),
      bad,
    );
  }
});
