# What uses the given certificates, on every resource type (one entry per certificate, type and
# region), and the CDN domains alone.

data "cloudssl_deployed_resources" "all" {
  certificate_ids = [var.certificate_id]
}

data "cloudssl_deployed_resources" "cdn" {
  certificate_ids = [var.certificate_id]
  resource_type   = "cdn"
}

output "in_use" {
  value = length(data.cloudssl_deployed_resources.all.resources) > 0
}

output "cdn_domains" {
  value = data.cloudssl_deployed_resources.cdn.resources[0].resources
}
