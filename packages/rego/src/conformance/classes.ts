// Topic classes of OPA's suite (shared/reference/rego-conformance.md, Appendix A), for the per-class report; this
// package's own topics (annotations, scoping, strict, typecheck) are core language.
const CORE = new Set(
  'annotations scoping strict typecheck types assignments baseandvirtualdocs completedoc compositebasedereference compositereferences containskeyword dataderef defaultkeyword elsekeyword embeddedvirtualdoc eqexpr every example fix1863 functions helloworld indexing inputvalues keywordrefs negation partialdocconstants partialiter partialobjectdoc planner-ir refheads stringinterpolation type undos varreferences withkeyword'.split(' '),
);
const SKIP_CANDIDATES = new Set(
  'all any cryptox509parseandverifycertificates cryptox509parsecertificaterequest cryptox509parsecertificates cryptox509parsersaprivatekey graphql jsonschema netcidroverlap netlookupipaddr providers-aws regometadatachain regometadatarule regoparsemodule rendertemplate toset'.split(' '),
);

export type TopicClass = 'core' | 'builtin' | 'skip-candidate';

export function topicClass(topic: string): TopicClass {
  return CORE.has(topic) ? 'core' : SKIP_CANDIDATES.has(topic) ? 'skip-candidate' : 'builtin';
}
