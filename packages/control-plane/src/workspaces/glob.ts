// Gloo's name globs (`*` = any run of characters) for workspace, namespace and cluster names.
export function globMatches(pattern: string | undefined, value: string): boolean {
  if (pattern === undefined || pattern === '' || pattern === '*') return true;
  if (!pattern.includes('*')) return pattern === value;
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(value);
}

export function labelsMatch(wanted: Readonly<Record<string, string>> | undefined, have: Readonly<Record<string, string>>): boolean {
  return Object.entries(wanted ?? {}).every(([k, v]) => have[k] === v);
}
