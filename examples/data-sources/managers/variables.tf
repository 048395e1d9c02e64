variable "company_id" {
  type        = number
  description = "The company, as cloudssl_companies lists it."
}
