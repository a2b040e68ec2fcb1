// Runs a service call with a deadline. The AbortSignal lets a cooperative service stop early; the
// race makes sure the gateway never waits past the deadline even if the service ignores the signal.

export async function withTimeout<T>(ms: number, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const ac = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const err = Object.assign(new Error(`timed out after ${ms} ms`), { code: 'TIMEOUT' });
      ac.abort(err);
      reject(err);
    }, ms);
  });
  try {
    return await Promise.race([call(ac.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
