variable "certificate_id" {
  type        = string
  description = "The certificate whose hosting to manage."
}
