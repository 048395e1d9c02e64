terraform {
  required_version = ">= 1.11"
  required_providers {
    cloudssl = { source = "cloudssl/cloudssl" }
  }
}
