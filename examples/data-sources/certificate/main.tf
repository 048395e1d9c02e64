# Look one certificate up by id: public PEM, validity, hosting fields. Never the private key.
terraform {
  required_providers {
    cloudssl = { source = "cloudssl/cloudssl" }
  }
}

variable "certificate_id" {
  type = string
}

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
