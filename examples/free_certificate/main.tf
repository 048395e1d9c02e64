# Apply for a free DV certificate and wait until it is issued. With DNS_AUTO Tencent Cloud adds
# the validation record itself (the domain must be on Tencent Cloud DNS in the same account);
# with DNS, publish dv_auths with your DNS provider and list the records in
# cloudssl_certificate_validation.validation_record_fqdns.

resource "cloudssl_free_certificate" "site" {
  domain         = var.domain
  dv_auth_method = "DNS_AUTO"
  alias          = "site"

  # Plan a renewal when a plan runs within 30 days of expiry: the plan shows it as a
  # replacement. create_before_destroy moves dependent resources to the renewed certificate
  # before the old one is deleted.
  renew_before = "720h"

  # Change to reissue the certificate (ReplaceCertificate, e.g. after a key leak): the plan
  # shows an in-place update with a new id, validated like the application. A free
  # certificate can be reissued once; the original stays in the account (see replaced_by).
  reissue        = 1
  reissue_reason = "key rotation"

  lifecycle {
    create_before_destroy = true
  }
}

resource "cloudssl_certificate_validation" "site" {
  certificate_id = cloudssl_free_certificate.site.id

  timeouts {
    create = "30m"
  }
}

output "certificate_id" {
  value = cloudssl_certificate_validation.site.certificate_id
}

output "not_after" {
  value = cloudssl_certificate_validation.site.not_after
}
