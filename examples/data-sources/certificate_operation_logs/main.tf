# The account's certificate audit log: every deletion and revocation of the last week, and
# everything that happened to one certificate.

data "cloudssl_certificate_operation_logs" "removals" {
  start_time = timeadd(plantimestamp(), "-168h") # Terraform >= 1.5
  types      = ["delete", "revoke", "revoked"]
}

data "cloudssl_certificate_operation_logs" "one" {
  certificate_id = var.certificate_id
}

output "removals" {
  value = [for l in data.cloudssl_certificate_operation_logs.removals.logs : "${l.created_on} ${l.type} ${l.certificate_id} by ${l.sub_account_uin}"]
}

output "history" {
  value = data.cloudssl_certificate_operation_logs.one.logs
}
