// Preload for loaded-modules.ts: records each resolved module URL (a resolve hook only — loading itself, and so
// the compile cache, is untouched) and answers SIGUSR2 with a report file. Costs one Map of URL strings.
import { renameSync, writeFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { join } from 'node:path';
import { getHeapCodeStatistics } from 'node:v8';

const dir = process.env.PORTICO_LOADED_MODULES_DIR;
/** Module URL → the URL of the module that first imported or required it (the entry: ''). */
const seen = new Map<string, string>();

registerHooks({
  resolve(specifier, context, nextResolve) {
    const resolved = nextResolve(specifier, context);
    if (!seen.has(resolved.url)) seen.set(resolved.url, context.parentURL ?? '');
    return resolved;
  },
});

if (dir) {
  process.on('SIGUSR2', () => {
    const { code_and_metadata_size, bytecode_and_metadata_size, external_script_source_size } = getHeapCodeStatistics();
    const report = { pid: process.pid, modules: [...seen.keys()], importedBy: Object.fromEntries(seen), memoryUsage: process.memoryUsage(), heapCode: { code_and_metadata_size, bytecode_and_metadata_size, external_script_source_size } };
    // Written aside and renamed, so a reader polling for the file never sees half of it.
    const path = join(dir, `${process.pid}.json`);
    writeFileSync(`${path}.tmp`, JSON.stringify(report));
    renameSync(`${path}.tmp`, path);
  });
}
