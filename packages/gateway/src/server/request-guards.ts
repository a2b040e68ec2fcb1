// Requests whose meaning depends on which copy of a header a hop reads. node:http keeps the first Host and the
// first Authorization and drops the rest; an upstream or a second proxy may read the last one. Such a request
// is refused (RFC 9110 §5.3: a field that is not a list must not repeat; RFC 9112 §3.2: one Host).

/** The name of a singleton header sent more than once (`host`, `authorization`), else null. */
export function duplicatedSingletonHeader(rawHeaders: string[]): string | null {
  let host = 0;
  let authz = 0;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!;
    if (name.length === 4) {
      if (name.toLowerCase() === 'host' && ++host > 1) return 'host';
    } else if (name.length === 13) {
      if (name.toLowerCase() === 'authorization' && ++authz > 1) return 'authorization';
    }
  }
  return null;
}

/**
 * RFC 9112 §6.1: an HTTP/1.0 message with Transfer-Encoding has faulty framing (1.0 has no chunked coding, so a
 * 1.0 hop reads the body differently).
 */
export function faultyFraming(httpVersionMinor: number, major: number, transferEncoding: string | undefined): boolean {
  return transferEncoding !== undefined && major === 1 && httpVersionMinor === 0;
}
