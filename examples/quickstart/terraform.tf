terraform {
  required_version = ">= 1.0"
  required_providers {
    cloudssl = { source = "cloudssl/cloudssl" }
  }
}
