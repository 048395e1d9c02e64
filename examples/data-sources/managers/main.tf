# The verified managers of a company: who an OV or EV paid certificate can name.

data "cloudssl_managers" "verified" {
  company_id = var.company_id
  status     = "ok"
}

output "managers" {
  value = { for m in data.cloudssl_managers.verified.managers : m.mail => m.manager_id }
}
