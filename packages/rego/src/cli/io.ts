// What a command needs from the process: output streams, stdin and the clock, so commands run in tests
// in-process as well as from the `rego` binary.
export interface CliIO {
  out: (text: string) => void;
  err: (text: string) => void;
  readStdin: () => string;
  now: () => number; // ms, for test durations
  /** The name usage texts show (default `rego`; `portico rego` when run through the portico CLI). */
  prog?: string;
}

/** A usage text with the program name the user typed. */
export function usageText(io: CliIO, text: string): string {
  return io.prog ? text.replace(/^Usage: rego\b/, `Usage: ${io.prog}`) : text;
}

/** JSON text with exact big integers (values beyond ±2^53 arrive as bigint). */
export function jsonText(v: unknown, indent = 2): string {
  const marks: string[] = [];
  const s = JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `\u0000${marks.push(x.toString()) - 1}\u0000` : x), indent);
  return s === undefined ? 'undefined' : s.replace(/"\\u0000(\d+)\\u0000"/g, (_m, i) => marks[Number(i)]);
}
