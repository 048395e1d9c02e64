# Look one certificate up by id: public PEM, validity, hosting fields. Never the private key.

data "cloudssl_certificate" "this" {
  id = var.certificate_id
}

output "domain" {
  value = data.cloudssl_certificate.this.domain
}

output "not_after" {
  value = data.cloudssl_certificate.this.not_after
}

output "hosting_status" {
  value = data.cloudssl_certificate.this.hosting_status
}
