// The seed policy of issue 3 (v0 syntax, as users have it in Gloo Portal's OPA example).
export const SEED_POLICY = `package test
default allow = false
allow {
  filter_metadata := input.check_request.attributes.metadata_context.filter_metadata
  apimanagement_metadata := filter_metadata["io.solo.gloo.apimanagement"]
  api_product_id := apimanagement_metadata["api_product_id"]
  scopes := split(input.state.jwtAccessToken.scope, " ")
  scope := scopes[_]
  api_product_id != ""
  scope != ""
  scope == api_product_id
}`;
