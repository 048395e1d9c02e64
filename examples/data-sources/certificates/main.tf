# List certificates with server-side filters; every page is fetched (1000 per call).

data "cloudssl_certificates" "expiring" {
  type            = "SVR"
  statuses        = [1]
  expiration_sort = "ASC"
}

output "soonest_to_expire" {
  value = [for c in data.cloudssl_certificates.expiring.certificates : {
    id        = c.id
    domain    = c.domain
    not_after = c.not_after
  }]
}

output "count" {
  value = data.cloudssl_certificates.expiring.total_count
}
