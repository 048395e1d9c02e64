# The benefit points the account can still spend on certificates.

data "cloudssl_packages" "usable" {
  status = "usable"
}

output "points_left" {
  value = data.cloudssl_packages.usable.total_balance
}

output "packages" {
  value = [for p in data.cloudssl_packages.usable.packages : "${p.package_id}: ${p.balance}/${p.total} until ${p.expire_time}"]
}
