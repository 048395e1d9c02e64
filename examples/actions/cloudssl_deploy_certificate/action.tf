# Terraform >= 1.14. Deploys the certificate to the listed targets every time the certificate
# is created or replaced (action_trigger), or on demand:
#   terraform apply -invoke=action.cloudssl_deploy_certificate.web
resource "cloudssl_certificate" "web" {
  certificate_pem        = file("${path.module}/web.crt")
  private_key_wo         = file("${path.module}/web.key")
  private_key_wo_version = 1
  alias                  = "web"

  lifecycle {
    action_trigger {
      events  = [after_create, after_update]
      actions = [action.cloudssl_deploy_certificate.web]
    }
  }
}

action "cloudssl_deploy_certificate" "web" {
  config {
    certificate_id = cloudssl_certificate.web.id
    region         = "ap-guangzhou"
    timeout        = "20m"

    clb {
      load_balancer_id = "lb-0example"
      listener_id      = "lbl-0example"
      domain           = "www.example.com"
    }
    cdn {
      domain = "static.example.com"
    }
  }
}
