variable "certificate_id" {
  type        = string
  description = "The certificate whose history to list."
}
