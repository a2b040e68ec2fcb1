// A local (inline) JWKS as the control plane reports it: Go's error text when the JSON is malformed or of the
// wrong shape (→ REJECTED), else which keys Portico will use and why others are ignored (→ WARNING).
import { goJsonSyntaxError } from '../json/go-json-syntax.ts';
import { goJwksShapeError } from '../json/go-jwks-shape.ts';
import { keySetFromJwks } from './key-set.ts';

export type JwksInspection = { ok: false; error: string } | { ok: true; usable: number; ignored: string[] };

export function inspectLocalJwks(inlineString: string): JwksInspection {
  const syntax = goJsonSyntaxError(inlineString);
  if (syntax !== null) return { ok: false, error: syntax };
  const doc: unknown = JSON.parse(inlineString);
  const shape = goJwksShapeError(doc);
  if (shape !== null) return { ok: false, error: shape };
  // Go leaves a missing or null `keys` as an empty set; so does Portico (nothing will verify).
  const set = keySetFromJwks({ keys: (doc as { keys?: unknown[] | null } | null)?.keys ?? [] }, { allowSymmetric: true });
  if (!set.ok) return { ok: true, usable: 0, ignored: [] };
  return { ok: true, usable: set.value.entries.size, ignored: [...set.value.ignored] };
}
