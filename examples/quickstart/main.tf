# The quickstart: upload a certificate, keep it deployed to a load balancer listener and a CDN
# domain, and list what the account holds. scripts/quickstart.sh runs it against the local
# simulator (cloudssl-sim, seeded with simulator-seed.json) after making a throw-away
# certificate for quickstart.example.com; point it at the real API by dropping
# CLOUDSSL_ENDPOINT and using your own credentials, certificate and targets.
# Credentials and endpoint come from TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY and
# CLOUDSSL_ENDPOINT (the quickstart script sets them for the simulator).

provider "cloudssl" {}

resource "cloudssl_certificate" "site" {
  certificate_pem = file("${path.module}/quickstart.cert.pem")
  # The quickstart runs on every Terraform >= 1.0, so it uses private_key_pem (kept in state,
  # marked sensitive). On Terraform >= 1.11 prefer private_key_wo + private_key_wo_version:
  # the key then never reaches plan or state.
  private_key_pem = file("${path.module}/quickstart.key.pem")
  alias           = "quickstart"

  lifecycle {
    create_before_destroy = true
  }
}

resource "cloudssl_certificate_deployment" "site" {
  certificate_id = cloudssl_certificate.site.id
  region         = "ap-guangzhou"

  clb {
    load_balancer_id = "lb-quick01"
    listener_id      = "lbl-https1"
  }

  cdn {
    domain        = "www.quickstart.example.com"
    https_billing = true
  }

  # Destroying the deployment rolls the listener and the CDN domain back to what they held.
  on_destroy = "rollback"
}

data "cloudssl_certificates" "all" {
  depends_on = [cloudssl_certificate.site]
}

output "certificate_id" {
  value = cloudssl_certificate.site.id
}

output "expires" {
  # Known at plan time: the provider reads it from the PEM.
  value = cloudssl_certificate.site.not_after
}

output "deployed_to" {
  value = cloudssl_certificate_deployment.site.target_status
}

output "certificates_in_account" {
  value = data.cloudssl_certificates.all.total_count
}
