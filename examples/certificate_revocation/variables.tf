variable "certificate_id" {
  type        = string
  description = "The issued certificate to revoke (no cloud resource may still use it)."
}
