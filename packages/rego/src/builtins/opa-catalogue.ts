// OPA's built-in functions by family (its policy reference, v1.x; names only), with what Portico's engine
// does with each: implemented, implemented with a stated difference, or not implemented (and why). The
// engine's own table (index.ts, relations) says what is implemented; this file is the yardstick it is
// measured against. docs/builtins.md is generated from it (scripts/builtins-table.ts; a test keeps it current).

export const OPA_BUILTINS: Readonly<Record<string, readonly string[]>> = {
  comparison: ['equal', 'neq', 'lt', 'lte', 'gt', 'gte'],
  numbers: ['plus', 'minus', 'mul', 'div', 'rem', 'abs', 'round', 'ceil', 'floor', 'numbers.range', 'numbers.range_step', 'rand.intn'],
  bits: ['bits.and', 'bits.or', 'bits.xor', 'bits.negate', 'bits.lsh', 'bits.rsh'],
  aggregates: ['count', 'sum', 'product', 'max', 'min', 'sort'],
  arrays: ['array.concat', 'array.slice', 'array.reverse', 'array.flatten'],
  sets: ['and', 'or', 'intersection', 'union'],
  objects: ['object.get', 'object.keys', 'object.union', 'object.union_n', 'object.remove', 'object.filter', 'object.subset', 'json.filter', 'json.remove', 'json.patch'],
  strings: [
    'concat', 'contains', 'endswith', 'startswith', 'format_int', 'indexof', 'indexof_n', 'lower', 'upper', 'replace', 'split',
    'sprintf', 'substring', 'trim', 'trim_left', 'trim_prefix', 'trim_right', 'trim_suffix', 'trim_space',
    'strings.any_prefix_match', 'strings.any_suffix_match', 'strings.count', 'strings.replace_n', 'strings.reverse', 'strings.split_n',
    'strings.render_template',
  ],
  regex: ['regex.is_valid', 'regex.match', 'regex.split', 'regex.find_n', 'regex.find_all_string_submatch_n', 'regex.replace', 'regex.template_match', 'regex.globs_match'],
  glob: ['glob.match', 'glob.quote_meta'],
  types: ['is_number', 'is_string', 'is_boolean', 'is_array', 'is_set', 'is_object', 'is_null', 'type_name'],
  conversions: ['to_number'],
  units: ['units.parse', 'units.parse_bytes'],
  encoding: [
    'base64.encode', 'base64.decode', 'base64.is_valid', 'base64url.encode', 'base64url.encode_no_pad', 'base64url.decode',
    'hex.encode', 'hex.decode', 'urlquery.encode', 'urlquery.decode', 'urlquery.encode_object', 'urlquery.decode_object',
    'json.marshal', 'json.marshal_with_options', 'json.unmarshal', 'json.is_valid', 'yaml.marshal', 'yaml.unmarshal', 'yaml.is_valid',
  ],
  'json schema': ['json.verify_schema', 'json.match_schema'],
  time: ['time.now_ns', 'time.parse_ns', 'time.parse_rfc3339_ns', 'time.parse_duration_ns', 'time.format', 'time.date', 'time.clock', 'time.weekday', 'time.add_date', 'time.diff'],
  crypto: [
    'crypto.md5', 'crypto.sha1', 'crypto.sha256', 'crypto.hmac.md5', 'crypto.hmac.sha1', 'crypto.hmac.sha256', 'crypto.hmac.sha512', 'crypto.hmac.equal',
    'crypto.x509.parse_certificates', 'crypto.x509.parse_and_verify_certificates', 'crypto.x509.parse_and_verify_certificates_with_options',
    'crypto.x509.parse_certificate_request', 'crypto.x509.parse_keypair', 'crypto.x509.parse_rsa_private_key', 'crypto.parse_private_keys',
  ],
  tokens: [
    'io.jwt.decode', 'io.jwt.decode_verify', 'io.jwt.encode_sign', 'io.jwt.encode_sign_raw',
    'io.jwt.verify_rs256', 'io.jwt.verify_rs384', 'io.jwt.verify_rs512', 'io.jwt.verify_ps256', 'io.jwt.verify_ps384', 'io.jwt.verify_ps512',
    'io.jwt.verify_es256', 'io.jwt.verify_es384', 'io.jwt.verify_es512', 'io.jwt.verify_eddsa', 'io.jwt.verify_hs256', 'io.jwt.verify_hs384', 'io.jwt.verify_hs512',
  ],
  graph: ['walk', 'graph.reachable', 'graph.reachable_paths'],
  graphql: ['graphql.is_valid', 'graphql.parse', 'graphql.parse_and_verify', 'graphql.parse_query', 'graphql.parse_schema', 'graphql.schema_is_valid'],
  net: ['net.cidr_contains', 'net.cidr_contains_matches', 'net.cidr_expand', 'net.cidr_intersects', 'net.cidr_is_valid', 'net.cidr_merge', 'net.lookup_ip_addr'],
  uuid: ['uuid.rfc4122', 'uuid.parse'],
  semver: ['semver.is_valid', 'semver.compare'],
  uri: ['uri.parse', 'uri.is_valid'],
  purl: ['purl.is_valid', 'purl.parse'],
  http: ['http.send'],
  providers: ['providers.aws.sign_req'],
  rego: ['rego.parse_module', 'rego.metadata.chain', 'rego.metadata.rule'],
  opa: ['opa.runtime'],
  debugging: ['print', 'trace'],
  testing: ['test.sleep'],
  'deprecated (v0 only)': ['all', 'any', 're_match', 'set_diff', 'net.cidr_overlap', 'cast_array', 'cast_set', 'cast_string', 'cast_boolean', 'cast_null', 'cast_object'],
};

/** Built-ins OPA has that the engine does not implement, with the reason (the compiler reports calls to them). */
export const missingBuiltins: ReadonlyMap<string, string> = new Map([
  ['http.send', 'needs the network: makes an outbound HTTP request'],
  ['net.lookup_ip_addr', 'needs the network: resolves a host name through DNS'],
  ['opa.runtime', "needs OPA's runtime: returns the OPA process's configuration and environment"],
  ['providers.aws.sign_req', 'signs requests for http.send (AWS SigV4), which needs the network; left out with it'],
]);

const KEY_DETAIL = "key-parsing errors read as OPA's up to the colon; the detail after it is Node's (OpenSSL), not Go's";

/** Implemented built-ins whose behaviour differs from OPA's in a stated way. */
export const partialBuiltins: ReadonlyMap<string, string> = new Map([
  ...['rs256', 'rs384', 'rs512', 'ps256', 'ps384', 'ps512', 'es256', 'es384', 'es512', 'eddsa'].map((a): [string, string] => [`io.jwt.verify_${a}`, KEY_DETAIL]),
  ['io.jwt.decode_verify', KEY_DETAIL],
  ['yaml.unmarshal', "syntax-error texts are the npm yaml parser's, not go-yaml's (\"yaml: line N: …\")"],
  ['trace', 'accepted and true, but Portico has no trace output (OPA adds the note to its explain trace)'],
  ['strings.render_template', "a subset of Go's text/template: fields, $variables, pipelines, if/else if/else, range, with, comments, trimming, and len index print printf println eq ne lt le gt ge and or not; no define/template/block"],
  ['json.verify_schema', "a hand-written validator for JSON Schema draft 4–7 core keywords (gojsonschema's texts); later drafts' keywords are not checked"],
  ['json.match_schema', 'as json.verify_schema: draft 4–7 core keywords'],
  ['sprintf', "integral literals written with an exponent (1e3) are ints here, float64s in OPA: %d of 1e3 prints 1000, OPA prints %!d(float64=1000)"],
]);
