# Provider functions (Terraform >= 1.8): read a certificate's facts and check its expiry
# without any API call. Run ../certificate/make-test-certificate.sh here first for a
# throw-away cert.pem.

locals {
  pem   = file("${path.module}/cert.pem")
  facts = provider::cloudssl::parse_certificate(local.pem)
}

# Refuse to go on with a certificate that would expire within 30 days.
check "certificate_lifetime" {
  assert {
    condition     = !provider::cloudssl::expires_within(local.pem, "720h")
    error_message = "${local.facts.domain} expires on ${local.facts.not_after}: renew it first."
  }
}

output "domain" {
  value = local.facts.domain
}

output "not_after" {
  value = local.facts.not_after
}

output "fingerprint_sha256" {
  value = local.facts.fingerprint_sha256
}

output "expires_within_30_days" {
  value = provider::cloudssl::expires_within(local.pem, "720h")
}
