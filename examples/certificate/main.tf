# Upload a certificate you already have. Try it against the local simulator:
#   ./make-test-certificate.sh              # cert.pem + key.pem (throw-away)
#   export CLOUDSSL_ENDPOINT=http://127.0.0.1:PORT   # cloudssl-sim --listen 127.0.0.1:0
#   export TENCENTCLOUD_SECRET_ID=AKIDCLOUDSSLSIMULATOR TENCENTCLOUD_SECRET_KEY=cloudssl-sim-secret-key
#   terraform apply

resource "cloudssl_certificate" "web" {
  # The leaf first, then its chain. Line endings and trailing newlines never cause a diff.
  certificate_pem = file(var.certificate_file)

  # Terraform >= 1.11: the key is sent at apply and never stored in plan or state.
  # Bump the version when you rotate the key. (On older Terraform use private_key_pem,
  # which Terraform keeps, marked sensitive, in state.)
  private_key_wo         = file(var.private_key_file)
  private_key_wo_version = 1

  alias      = "web"
  project_id = 0

  lifecycle {
    # New content means a new certificate id: create it first so that deployments can move
    # to it before the old one is deleted.
    create_before_destroy = true
  }
}

output "certificate_id" {
  value = cloudssl_certificate.web.id
}

output "expires" {
  # Known at plan time, from the PEM.
  value = cloudssl_certificate.web.not_after
}
