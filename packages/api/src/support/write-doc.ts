// Writes docs/gloo-support.md (see doc.ts).
import { writeFileSync } from 'node:fs';
import { KINDS } from '../registry.ts';
import { renderSupportDoc } from './doc.ts';

const target = new URL('../../../../docs/gloo-support.md', import.meta.url);
writeFileSync(target, renderSupportDoc(KINDS));
process.stdout.write(`wrote ${target.pathname}\n`);
