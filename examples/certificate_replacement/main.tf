# Move every resource of the listed types from an old certificate to a new one (the API's
# "one-click update"), waiting until each target has moved. Failed targets are named; the next
# apply retries them. on_destroy = "rollback" moves them back when the resource is destroyed.

resource "cloudssl_certificate_replacement" "renewal" {
  old_certificate_id = var.old_certificate_id
  certificate_id     = var.new_certificate_id
  resource_types     = ["clb", "cdn"]

  # Required for clb, tke, apigateway, waf, tcb, tse and cos.
  resource_types_regions = {
    clb = ["ap-guangzhou"]
  }

  # Stop the old certificate's expiry reminders once its resources have moved.
  ignore_expiring_notifications = true
  on_destroy                    = "keep"
}

output "moved" {
  value = cloudssl_certificate_replacement.renewal.targets
}
