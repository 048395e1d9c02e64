# Certificates in Volcengine's certificate center expiring within 30 days, every page read.
# Needs only Volcengine credentials (VOLCENGINE_ACCESS_KEY / VOLCENGINE_SECRET_KEY); against
# the simulator see examples/volcengine_certificate_copy for the environment.

provider "cloudssl" {
  volcengine {}
}

data "cloudssl_volcengine_certificates" "expiring" {
  certificate_valid         = true
  certificate_expire_before = timeadd(plantimestamp(), "720h")
}

output "expiring" {
  value = [for c in data.cloudssl_volcengine_certificates.expiring.certificates : "${c.id} ${c.domain} ${c.not_after}"]
}
