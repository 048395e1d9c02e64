# Replacement records that moved resources off an old certificate, with per-target results.
terraform {
  required_providers {
    cloudssl = { source = "cloudssl/cloudssl" }
  }
}

variable "old_certificate_id" {
  type = string
}

data "cloudssl_update_records" "moves" {
  old_certificate_id = var.old_certificate_id
}

output "records" {
  value = data.cloudssl_update_records.moves.records
}
