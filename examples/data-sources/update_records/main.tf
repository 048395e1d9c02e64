# Replacement records that moved resources off an old certificate, with per-target results.

data "cloudssl_update_records" "moves" {
  old_certificate_id = var.old_certificate_id
}

output "records" {
  value = data.cloudssl_update_records.moves.records
}
