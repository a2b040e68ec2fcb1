// Where two lists of virtual hosts differ, found by pointer comparison: the control plane keeps the same frozen
// object for every host whose content did not change, so the longest common prefix and suffix by identity bound
// everything that changed. One table changed among 1,000 leaves a span of one or two, found without hashing a
// single object (used by the snapshot deltas and the gateway's patched host table).

/** `before[start, beforeEnd)` became `next[start, nextEnd)`; outside the span both lists hold the same objects. */
export interface ChangedSpan {
  start: number;
  beforeEnd: number;
  nextEnd: number;
}

export function changedSpan<T>(before: readonly T[], next: readonly T[]): ChangedSpan {
  const n = before.length;
  const m = next.length;
  let start = 0;
  while (start < n && start < m && before[start] === next[start]) start++;
  let tail = 0;
  while (tail < n - start && tail < m - start && before[n - 1 - tail] === next[m - 1 - tail]) tail++;
  return { start, beforeEnd: n - tail, nextEnd: m - tail };
}
