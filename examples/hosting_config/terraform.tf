terraform {
  required_providers {
    cloudssl = { source = "cloudssl/cloudssl" }
  }
}
