# A certificate's deployment records, and the per-target results of one of them.

data "cloudssl_deploy_records" "all" {
  certificate_id = var.certificate_id
  resource_type  = "clb"
}

data "cloudssl_deploy_records" "latest" {
  certificate_id   = var.certificate_id
  deploy_record_id = try(data.cloudssl_deploy_records.all.records[0].id, 0)
}

output "latest_targets" {
  value = data.cloudssl_deploy_records.latest.details
}
