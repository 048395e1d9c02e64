# Export a free certificate's private key without it ever reaching Terraform's plan or state:
# the ephemeral cloudssl_certificate downloads the issued certificate (DownloadCertificate,
# unpacked in memory) at plan and apply, and the key goes only into write-only arguments. Here
# it is copied, key included, into another project of the account through
# cloudssl_certificate's write-only private_key_wo; a Kubernetes secret's data_wo or another
# provider's configuration take it the same way. Needs Terraform >= 1.11 (ephemeral
# resources: 1.10; write-only arguments: 1.11).
#
# Try it against the local simulator:
#   cloudssl-sim --listen 127.0.0.1:0                                  # prints HOST:PORT
#   export CLOUDSSL_ENDPOINT=http://HOST:PORT
#   export TENCENTCLOUD_SECRET_ID=AKIDCLOUDSSLSIMULATOR TENCENTCLOUD_SECRET_KEY=cloudssl-sim-secret-key
#   terraform apply

resource "cloudssl_free_certificate" "site" {
  domain         = var.domain
  dv_auth_method = "DNS_AUTO"
}

# Only an issued certificate can be downloaded: take the id from the validation, which waits.
resource "cloudssl_certificate_validation" "site" {
  certificate_id = cloudssl_free_certificate.site.id
}

# The public chain (no key) for the copy's certificate_pem.
data "cloudssl_certificate" "site" {
  id = cloudssl_certificate_validation.site.certificate_id
}

# The chain, the private key and, for a server that wants its own files, its bundle
# (service_type nginx, apache, tomcat, iis, jks, other or root).
ephemeral "cloudssl_certificate" "site" {
  certificate_id = cloudssl_certificate_validation.site.certificate_id
  service_type   = "nginx"
}

resource "cloudssl_certificate" "copy" {
  certificate_pem        = data.cloudssl_certificate.site.certificate_pem
  private_key_wo         = ephemeral.cloudssl_certificate.site.private_key_pem
  private_key_wo_version = 1
  project_id             = var.copy_project_id
  # A second certificate with the same content, not the original adopted.
  allow_duplicate = true
  alias           = "copy of ${var.domain}"
}

output "copy_id" {
  value = cloudssl_certificate.copy.id
}
