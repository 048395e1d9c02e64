variable "common_name" {
  type        = string
  description = "The common name of the Volcengine certificate to copy."
  default     = "www.example.com"
}
