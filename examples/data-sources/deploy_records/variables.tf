variable "certificate_id" {
  type        = string
  description = "The certificate whose deployment records to list."
}
