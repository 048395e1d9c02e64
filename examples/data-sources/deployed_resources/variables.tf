variable "certificate_id" {
  type        = string
  description = "The certificate whose users to list."
}
