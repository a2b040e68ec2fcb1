// Writes docs/builtins.md: OPA's built-ins by family, each supported / partial / missing in this engine.
// Run: node packages/rego/scripts/builtins-table.ts (the builtins-table test fails when the file is stale).
import { writeFileSync } from 'node:fs';
import { builtinsTable } from '../src/builtins/catalogue-table.ts';

writeFileSync(new URL('../docs/builtins.md', import.meta.url), builtinsTable());
