# The CLB listeners a certificate can be deployed to, and what each holds now.

data "cloudssl_deploy_targets" "clb" {
  resource_type  = "clb"
  certificate_id = var.certificate_id
  use_cache      = false # a fresh listing (true accepts the API's half-hour snapshot)
}

output "listeners_without_it" {
  value = [for t in data.cloudssl_deploy_targets.clb.targets : t.key if t.certificate_id != var.certificate_id]
}
