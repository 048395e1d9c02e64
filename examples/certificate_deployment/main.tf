# Keep a certificate deployed to cloud resources. Each block kind is one resource type; the
# provider encodes the targets for the API, waits for every deployment task to finish, names
# any target that fails, and shows targets that lost the certificate (changed in the console)
# in the next plan. Removing a target does not unbind it (the API cannot): you get a warning.
#
# Against the local simulator (its README shows how to seed instances such as lb-web1):
#   export CLOUDSSL_ENDPOINT=http://127.0.0.1:PORT
#   export TENCENTCLOUD_SECRET_ID=AKIDCLOUDSSLSIMULATOR TENCENTCLOUD_SECRET_KEY=cloudssl-sim-secret-key

resource "cloudssl_certificate_deployment" "web" {
  certificate_id = var.certificate_id
  region         = "ap-guangzhou" # required for clb, waf, apigateway, cos, lighthouse, tke, tse, tcb

  # A listener with SNI off (or layer 4): no domain.
  clb {
    load_balancer_id = "lb-web1"
    listener_id      = "lbl-plain"
  }

  # A listener with SNI on: one block per rule domain.
  clb {
    load_balancer_id = "lb-web1"
    listener_id      = "lbl-sni"
    domain           = "www.example.com"
  }

  cdn {
    domain        = "cdn.example.com"
    https_billing = false
  }

  # "keep" (default): destroy leaves the certificate bound, with a warning.
  # "rollback": destroy rolls back the deploy records this resource created.
  on_destroy = "keep"

  timeouts {
    create = "20m"
    update = "20m"
    delete = "20m"
  }
}

output "target_status" {
  value = cloudssl_certificate_deployment.web.target_status
}
