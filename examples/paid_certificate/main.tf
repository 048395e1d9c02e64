# A paid OV certificate for an organisation whose details Tencent Cloud already holds: the
# company and a verified manager by id, DNS validation records published elsewhere, and the
# wait for issuance. Applying this buys a certificate: it costs money.

data "cloudssl_managers" "verified" {
  company_id = var.company_id
  status     = "ok"
}

resource "cloudssl_paid_certificate" "shop" {
  product_id  = 14 # TrustAsia OV (D3)
  common_name = "shop.example.com"
  company_id  = var.company_id
  manager_id  = data.cloudssl_managers.verified.managers[0].manager_id
  verify_type = "DNS"
}

# Publish each record with your DNS provider, e.g.:
# resource "dns_txt_record" "validation" {
#   for_each = { for a in cloudssl_paid_certificate.shop.dv_auths : a.domain => a }
#   ...
# }

resource "cloudssl_certificate_validation" "shop" {
  certificate_id = cloudssl_paid_certificate.shop.id
}

output "records" {
  value = [for a in cloudssl_paid_certificate.shop.dv_auths : "${a.key} TXT ${a.value}"]
}
