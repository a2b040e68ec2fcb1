// A "billion laughs" YAML document for tests of the manifest parser and the admin API.
/** Nine levels of ten aliases each: 10^9 nodes once expanded. */
export function aliasBomb(): string {
  const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
  const names = 'abcdefghi';
  for (let i = 1; i < names.length; i++) {
    const p = names[i - 1];
    lines.push(`${names[i]}: &${names[i]} [*${p},*${p},*${p},*${p},*${p},*${p},*${p},*${p},*${p},*${p}]`);
  }
  return `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb, namespace: ns}\ndata:\n${lines.map((l) => `  ${l}`).join('\n')}\n`;
}
