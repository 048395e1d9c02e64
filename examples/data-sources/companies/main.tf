# The companies a paid certificate can be submitted for, by name.

data "cloudssl_companies" "all" {}

output "company_ids" {
  value = { for c in data.cloudssl_companies.all.companies : c.name => c.company_id }
}
