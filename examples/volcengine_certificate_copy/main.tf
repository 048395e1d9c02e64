# Copy a certificate held in Volcengine's certificate center to Tencent Cloud's SSL service,
# without the private key ever reaching Terraform's plan or state: the ephemeral resource reads
# the key at plan and apply, and cloudssl_certificate takes it through the write-only argument
# private_key_wo. Needs Terraform >= 1.11 (ephemeral resources: 1.10; write-only: 1.11).
#
# Try it against the local simulator (cloudssl-sim serves both clouds on one port):
#   cloudssl-sim --listen 127.0.0.1:0 --seed volcengine-seed.json      # prints HOST:PORT
#   export CLOUDSSL_ENDPOINT=http://HOST:PORT VOLCENGINE_ENDPOINT=http://HOST:PORT
#   export TENCENTCLOUD_SECRET_ID=AKIDCLOUDSSLSIMULATOR TENCENTCLOUD_SECRET_KEY=cloudssl-sim-secret-key
#   export VOLCENGINE_ACCESS_KEY=AKLTCLOUDSSLSIMULATOR VOLCENGINE_SECRET_KEY=cloudssl-sim-volcengine-secret
#   terraform apply

provider "cloudssl" {
  # Tencent credentials from TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY.
  volcengine {
    # access_key / secret_key from VOLCENGINE_ACCESS_KEY / VOLCENGINE_SECRET_KEY.
    region = "cn-north-1"
  }
}

# The certificate to copy: valid (issued, unexpired, unrevoked) and for this name. The list
# never holds private keys.
data "cloudssl_volcengine_certificates" "source" {
  common_name       = var.common_name
  certificate_valid = true
}

locals {
  source = data.cloudssl_volcengine_certificates.source.certificates[0]
}

# Its private key, only for the write-only argument below.
ephemeral "cloudssl_volcengine_certificate" "source" {
  id = local.source.id
}

resource "cloudssl_certificate" "copy" {
  certificate_pem        = local.source.certificate_pem
  private_key_wo         = ephemeral.cloudssl_volcengine_certificate.source.private_key_pem
  private_key_wo_version = 1
  alias                  = "copy of ${local.source.id}"
}

output "tencent_certificate_id" {
  value = cloudssl_certificate.copy.id
}

output "copied_from" {
  value = local.source.id
}
