# Which CDN domains use the given certificates.
terraform {
  required_providers {
    cloudssl = { source = "cloudssl/cloudssl" }
  }
}

variable "certificate_id" {
  type = string
}

data "cloudssl_deployed_resources" "cdn" {
  certificate_ids = [var.certificate_id]
  resource_type   = "cdn"
}

output "cdn_domains" {
  value = data.cloudssl_deployed_resources.cdn.resources
}
