variable "domain" {
  type        = string
  description = "The domain of the free certificate to apply for."
  default     = "www.example.com"
}

variable "copy_project_id" {
  type        = number
  description = "The project the copy is uploaded to."
  default     = 1
}
