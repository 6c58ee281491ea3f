# Versions this sample is written for. The google provider's 7.x line is the
# one whose google_container_cluster / node_pool arguments are used here.
terraform {
  required_version = ">= 1.5.0"

  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "~> 7.0"
    }
  }
}

provider "google" {
  project = var.project_id
  region  = var.region
}
