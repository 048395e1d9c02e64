# What certificate hosting the API lets Terraform manage: expiry reminders, the hosting status
# (read-only: the API has no action to change hosting settings), and follow_renewal, which
# moves the listed resource types onto the renewal certificate as soon as the API reports one
# (the plan shows followed_certificate_id changing to it).

resource "cloudssl_hosting_config" "web" {
  certificate_id                = var.certificate_id
  ignore_expiring_notifications = true # destroy turns the reminders back on

  follow_renewal {
    resource_types = ["clb", "cdn"]
    regions        = ["ap-guangzhou"] # for the region-aware types among them
  }
}

output "hosting" {
  value = {
    status   = cloudssl_hosting_config.web.hosting_status
    config   = cloudssl_hosting_config.web.hosting_config
    renewal  = cloudssl_hosting_config.web.renewal_certificate_id
    followed = cloudssl_hosting_config.web.followed_certificate_id
    hostable = cloudssl_hosting_config.web.hostable
    uploaded = cloudssl_hosting_config.web.is_hosting_upload_renew_cert
  }
}
