// What the cross-process counting tests share: one DAY-window limit (a test cannot straddle a window boundary
// unless it runs across midnight UTC) and the next matching message from a forked worker.
import type { ChildProcess } from 'node:child_process';
import type { RateLimitServiceConfig } from '@portico/ratelimit';

export const LIMIT = 25;
export const config: RateLimitServiceConfig = {
  domains: { d: { descriptors: [{ key: 'userId', value: null, rateLimit: { unit: 'DAY', requestsPerUnit: LIMIT }, descriptors: [], weight: 0, alwaysApply: false }], setDescriptors: [] } },
};

export function nextMessage<T>(child: ChildProcess, pick: (m: any) => T | undefined): Promise<T> {
  return new Promise((resolve, reject) => {
    const on = (m: unknown) => {
      const v = pick(m);
      if (v !== undefined) (child.off('message', on), child.off('exit', onExit), resolve(v));
    };
    const onExit = (code: number) => reject(new Error(`worker exited with ${code}`));
    child.on('message', on);
    child.once('exit', onExit);
  });
}
