// Tests that need something from outside the repository (Debian nginx, Chromium, curl, the shared test vectors)
// skip on a developer machine without it. Under CI=true, where .ci/run installs all of it, a missing one fails
// the run instead: a test that silently skips in CI hides exactly the regressions it exists for.

/**
 * For `test(name, { skip: skipReason(present, what) }, …)` or `if (skipReason(…)) return ctx.skip(…)`:
 * false when present; `what` (the reason to skip) when not; throws under CI=true.
 */
export function skipReason(present: boolean, what: string, env: NodeJS.ProcessEnv = process.env): string | false {
  if (present) return false;
  if (env.CI === 'true') throw new Error(`${what} — under CI=true this fails instead of skipping`);
  return what;
}
