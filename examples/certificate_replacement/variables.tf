variable "old_certificate_id" {
  type        = string
  description = "The certificate the resources hold now."
}

variable "new_certificate_id" {
  type        = string
  description = "The certificate they move to."
}
