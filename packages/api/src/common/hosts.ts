// RouteTable host syntax (gloo-api.md §1.1): wildcard only as the left-most segment, RFC 1123 labels, TLD not
// all-numeric, trailing dot allowed, bare "*" invalid.
const LABEL = /^[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?$/;

/** Returns why `host` is invalid, or null when it is a valid RouteTable host. */
export function hostProblem(host: string): string | null {
  if (host.length < 1 || host.length > 255) return 'host must be 1-255 characters';
  if (host === '*') return 'a bare "*" host is not allowed; use a left-most wildcard such as "*.example.com"';
  if (!/^[a-zA-Z0-9.*-]+$/.test(host)) return "host may contain only a-z, A-Z, 0-9, '-', '.' and a left-most '*'";
  const trimmed = host.endsWith('.') ? host.slice(0, -1) : host;
  const labels = trimmed.split('.');
  for (let i = 0; i < labels.length; i++) {
    let label = labels[i]!;
    if (label.includes('*')) {
      // `*.foo.com` and `*bar.foo.com` are fine: the wildcard must lead the first label and appear once.
      if (i !== 0 || label.indexOf('*') !== 0 || label.lastIndexOf('*') !== 0) {
        return 'a wildcard is only allowed as the left-most character of the host';
      }
      if (labels.length < 2) return 'a wildcard host needs a domain after the wildcard';
      label = label.slice(1);
      if (label === '') continue;
    }
    if (label.length === 0) return 'host has an empty label';
    if (label.length > 63) return `host label ${JSON.stringify(label)} is longer than 63 characters`;
    if (!LABEL.test(label)) return `host label ${JSON.stringify(label)} must be alphanumeric or '-', starting and ending with an alphanumeric character`;
  }
  const tld = labels[labels.length - 1]!;
  if (labels.length > 1 && /^[0-9]+$/.test(tld)) return 'the top-level domain must not be all-numeric';
  return null;
}
