// What Go's json.Unmarshal into go-jose's JSONWebKeySet ({Keys []JSONWebKey `json:"keys"`}) says about a
// syntactically valid document of the wrong shape, so AuthConfig status reads as Gloo's would.
function goKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string': return 'string';
    case 'number': return 'number';
    case 'boolean': return 'bool';
    default: return 'object';
  }
}

/** null when `doc` fits the JWKS shape (null members are zero values in Go, and so accepted). */
export function goJwksShapeError(doc: unknown): string | null {
  if (doc !== null && (typeof doc !== 'object' || Array.isArray(doc))) return `json: cannot unmarshal ${goKind(doc)} into Go value of type jose.JSONWebKeySet`;
  const keys = (doc as { keys?: unknown } | null)?.keys;
  if (keys !== undefined && keys !== null && !Array.isArray(keys)) {
    return `json: cannot unmarshal ${goKind(keys)} into Go struct field JSONWebKeySet.keys of type []jose.JSONWebKey`;
  }
  return null;
}
