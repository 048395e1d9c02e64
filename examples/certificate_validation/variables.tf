variable "domain" {
  type        = string
  description = "The domain of the free certificate to apply for."
  default     = "api.example.com"
}
