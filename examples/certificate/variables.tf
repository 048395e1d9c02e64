variable "certificate_file" {
  type        = string
  description = "PEM file of the certificate, its chain after it."
  default     = "cert.pem"
}

variable "private_key_file" {
  type        = string
  description = "PEM file of the certificate's private key."
  default     = "key.pem"
}
