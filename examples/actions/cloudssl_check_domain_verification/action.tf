# Terraform >= 1.14. Ask the CA to check the validation once the records are published:
#   terraform apply -invoke=action.cloudssl_check_domain_verification.site
resource "cloudssl_free_certificate" "site" {
  domain         = "www.example.com"
  dv_auth_method = "DNS"
}

# The validation records, created with your DNS provider from
# cloudssl_free_certificate.site.dv_auths.

action "cloudssl_check_domain_verification" "site" {
  config {
    certificate_id = cloudssl_free_certificate.site.id
  }
}
