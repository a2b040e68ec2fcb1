package test

import future.keywords.if

request(product, scope) := {
  "check_request": {"attributes": {"metadata_context": {"filter_metadata": {"io.solo.gloo.apimanagement": {"api_product_id": product}}}}},
  "state": {"jwtAccessToken": {"scope": scope}},
}

test_scope_equals_product if {
  allow with input as request("tracks", "openid tracks")
}

test_other_product_denied if {
  not allow with input as request("petstore", "openid tracks")
}

test_empty_product_denied if {
  not allow with input as request("", "openid ")
}

test_no_token_denied if {
  not allow with input as {"check_request": {"attributes": {"metadata_context": {"filter_metadata": {"io.solo.gloo.apimanagement": {"api_product_id": "tracks"}}}}}}
}

# the package's METADATA block (in policy.rego) is part of every rule's chain
test_package_annotations if {
  chain := rego.metadata.chain()
  chain[0].path == ["test", "test_package_annotations"]
  chain[1].annotations.title == "API product scopes"
}
