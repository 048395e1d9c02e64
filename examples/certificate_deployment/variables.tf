variable "certificate_id" {
  type        = string
  description = "The certificate to deploy."
}
