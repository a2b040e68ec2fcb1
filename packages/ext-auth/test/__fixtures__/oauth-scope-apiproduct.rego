package test
default allow = false
allow {
  # Get the API product ID of the API product that the
  # user is trying to access from the request metadata
  filter_metadata := input.check_request.attributes.metadata_context.filter_metadata
  apimanagement_metadata := filter_metadata["io.solo.gloo.apimanagement"]
  api_product_id := apimanagement_metadata["api_product_id"]
  # Get the scopes from the access token
  scopes := split(input.state.jwtAccessToken.scope, " ")
  scope := scopes[_]
  # Ensure API product ID and scopes are not empty
  api_product_id != ""
  scope != ""
  # Validate that the scope includes the API product ID
  # of the product that the user is accessing
  scope == api_product_id
}
