// Go encoding/base64 decoding rules: strict alphabet, padding required for the padded encodings
// (OPA's base64url.decode falls back to the raw encoding when the length is not a multiple of 4),
// CR/LF ignored, and Go's error text "illegal base64 data at input byte N".
import { builtinError } from '../builtin-error.ts';

const STD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function illegal(at: number) {
  return builtinError(`illegal base64 data at input byte ${at}`);
}

/** Decodes to bytes; `padded` = StdEncoding/URLEncoding, otherwise the Raw (unpadded) variants. */
export function goBase64Decode(s: string, url: boolean, padded: boolean): Buffer {
  const alphabet = url ? URL : STD;
  const out: number[] = [];
  let quantum: number[] = [];
  let i = 0;
  const n = s.length;
  while (i < n) {
    const c = s[i];
    if (c === '\r' || c === '\n') {
      i++;
      continue;
    }
    const v = alphabet.indexOf(c);
    if (v >= 0) {
      quantum.push(v);
      i++;
      if (quantum.length === 4) {
        out.push((quantum[0] << 2) | (quantum[1] >> 4), ((quantum[1] & 15) << 4) | (quantum[2] >> 2), ((quantum[2] & 3) << 6) | quantum[3]);
        quantum = [];
      }
      continue;
    }
    if (c !== '=' || !padded) throw illegal(i);
    // Padding: allowed only after 2 or 3 symbols of a quantum, completing it, and nothing after.
    const j = quantum.length;
    if (j < 2) throw illegal(i);
    let k = i + 1;
    if (j === 2) {
      while (k < n && (s[k] === '\r' || s[k] === '\n')) k++;
      if (k >= n) throw illegal(n);
      if (s[k] !== '=') throw illegal(k);
      k++;
    }
    while (k < n && (s[k] === '\r' || s[k] === '\n')) k++;
    if (k < n) throw illegal(k);
    flush(out, quantum);
    return Buffer.from(out);
  }
  if (quantum.length === 1) throw illegal(n - 1);
  if (quantum.length > 0) {
    if (padded) throw illegal(n - quantum.length);
    flush(out, quantum);
  }
  return Buffer.from(out);
}

function flush(out: number[], q: number[]): void {
  if (q.length >= 2) out.push((q[0] << 2) | (q[1] >> 4));
  if (q.length >= 3) out.push(((q[1] & 15) << 4) | (q[2] >> 2));
}
