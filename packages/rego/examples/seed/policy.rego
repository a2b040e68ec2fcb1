# METADATA
# title: API product scopes
# description: |
#   The walkthrough's policy (v0 syntax, as Gloo Portal users have it): a request is allowed when one of the
#   access token's scopes equals the API product id of the route.
package test

default allow = false

# METADATA
# title: Scope matches the API product
# custom:
#   severity: HIGH
allow {
  filter_metadata := input.check_request.attributes.metadata_context.filter_metadata
  apimanagement_metadata := filter_metadata["io.solo.gloo.apimanagement"]
  api_product_id := apimanagement_metadata["api_product_id"]
  scopes := split(input.state.jwtAccessToken.scope, " ")
  scope := scopes[_]
  api_product_id != ""
  scope != ""
  scope == api_product_id
}
