variable "old_certificate_id" {
  type        = string
  description = "The certificate the resources moved off."
}
