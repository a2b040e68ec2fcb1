import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { captureLogger } from './__fixtures__/capture-logger.ts';
import { LogOnce } from './log-once.ts';

describe('LogOnce', () => {
  it('logs a persisting problem once, and again only after it went away', () => {
    const logger = captureLogger();
    const log = new LogOnce(logger);
    for (let round = 0; round < 3; round++) {
      log.report('warn', 'run:PORTAL_UNREACHABLE', 'down');
      log.endRound('run:');
    }
    assert.equal(logger.at('warn').length, 1);
    assert.deepEqual(log.endRound('run:'), ['run:PORTAL_UNREACHABLE']); // a round without it: resolved
    log.report('warn', 'run:PORTAL_UNREACHABLE', 'down again');
    assert.equal(logger.at('warn').length, 2);
  });

  it('resolveAll forgets the active keys of a prefix', () => {
    const logger = captureLogger();
    const log = new LogOnce(logger);
    log.report('warn', 'run:A', 'a');
    log.report('warn', 'version:x', 'x');
    assert.deepEqual(log.resolveAll('run:'), ['run:A']);
    log.report('warn', 'run:A', 'a');
    log.report('warn', 'version:x', 'x');
    assert.equal(logger.at('warn').length, 3);
  });

  it('keeps rounds of different prefixes apart', () => {
    const logger = captureLogger();
    const log = new LogOnce(logger);
    log.report('info', 'version:a', 'a');
    log.endRound('run:');
    log.report('info', 'version:a', 'a');
    assert.equal(logger.at('info').length, 1);
  });
});
