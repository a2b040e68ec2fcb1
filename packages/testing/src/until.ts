// A bounded poll for tests that wait on something they cannot subscribe to (another process's log, a remote
// store): the probe answers undefined until the awaited state is there; past the limit the test fails, naming it.
export async function until<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  what: string | (() => string),
  limitMs = 20_000,
  intervalMs = 50,
): Promise<T> {
  const end = performance.now() + limitMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (performance.now() > end) throw new Error(`not within ${limitMs} ms: ${typeof what === 'string' ? what : what()}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
