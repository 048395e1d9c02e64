# DNS validation with records you publish yourself: dv_auths gives the records after the
# application (keyed by domain, which is known at plan time, so for_each works in the first
# apply); cloudssl_certificate_validation waits until the certificate is issued and, with
# validation_record_fqdns, fails fast if a record is missing.
#
# Replace the terraform_data stand-in with your DNS provider's record resource, e.g.
#   resource "dnspod_record" "validation" {
#     for_each    = { for a in cloudssl_free_certificate.api.dv_auths : a.domain => a }
#     domain      = each.value.zone
#     sub_domain  = each.value.sub_domain
#     record_type = each.value.verify_type
#     value       = each.value.value
#   }

resource "cloudssl_free_certificate" "api" {
  domain         = var.domain
  dv_auth_method = "DNS"
}

# Stand-in for DNS records published with another provider.
resource "terraform_data" "validation_record" {
  for_each = { for a in cloudssl_free_certificate.api.dv_auths : a.domain => a }
  input = {
    fqdn  = each.value.key
    type  = each.value.verify_type
    value = each.value.value
  }
}

resource "cloudssl_certificate_validation" "api" {
  certificate_id          = cloudssl_free_certificate.api.id
  validation_record_fqdns = [for r in terraform_data.validation_record : r.output.fqdn]
}

output "validation_records" {
  value = cloudssl_free_certificate.api.dv_auths
}
