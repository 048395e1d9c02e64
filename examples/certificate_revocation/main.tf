# Revoking a certificate issued through Tencent Cloud, for example after its private key
# leaked. The revocation waits until the certificate is revoked (status 10); destroying the
# resource later only forgets it, the certificate stays revoked.
#
# The CA may ask for proof of control over the domains first: validation_records lists the DNS
# TXT records (or files) to publish. A certificate validated with DNS_AUTO has them published
# by Tencent Cloud. When another resource of this configuration publishes them, set
# wait_for_revocation = false so that it can be created after the revocation started.

resource "cloudssl_certificate_revocation" "leaked" {
  certificate_id = var.certificate_id
  reason         = "private key compromised"

  timeouts {
    create = "30m"
  }
}

output "revocation_records" {
  value = cloudssl_certificate_revocation.leaked.validation_records
}
