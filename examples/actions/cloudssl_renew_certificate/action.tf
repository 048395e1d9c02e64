# Terraform >= 1.14. Renews the free certificate now (within 30 days of its expiry):
#   terraform apply -invoke=action.cloudssl_renew_certificate.site
# The action writes no state: cloudssl_free_certificate.site keeps the old certificate, and
# its renewal_certificate_id shows the renewal after the next refresh.
resource "cloudssl_free_certificate" "site" {
  domain         = "www.example.com"
  dv_auth_method = "DNS_AUTO"
}

action "cloudssl_renew_certificate" "site" {
  config {
    certificate_id = cloudssl_free_certificate.site.id
  }
}

output "renewal" {
  value = cloudssl_free_certificate.site.renewal_certificate_id
}
