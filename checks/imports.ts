// The bare module specifiers a source file imports (static, re-exports, side-effect and literal dynamic imports,
// require/require.resolve of a literal; `import type` too — the types come from the package being installed).
const SPECIFIER =
  /(?:^|[\s;}])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|\b(?:import|require|resolve)\(\s*['"]([^'"]+)['"]\s*\)/gm;

/** `@scope/name` or `name` of every non-relative, non-builtin specifier in `text`. */
export function importedPackages(text: string): Set<string> {
  const out = new Set<string>();
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  for (const m of code.matchAll(SPECIFIER)) {
    const spec = m[1] ?? m[2] ?? m[3]!;
    if (spec.startsWith('.') || spec.startsWith('/') || spec.startsWith('node:') || spec.startsWith('#')) continue;
    const parts = spec.split('/');
    out.add(spec.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!);
  }
  return out;
}
