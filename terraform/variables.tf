# Inputs of the GKE sample. Only project_id and data_bucket have no default.

variable "project_id" {
  description = "Google Cloud project that holds the cluster, the registry and the service accounts."
  type        = string
}

variable "region" {
  description = "Region of the provider and, unless registry_location is set, of the Artifact Registry repository."
  type        = string
  default     = "europe-west1"
}

variable "zone" {
  description = "Zone of the (zonal) cluster: one control plane and one set of nodes keeps a sample cheap."
  type        = string
  default     = "europe-west1-b"
}

variable "cluster_name" {
  description = "Name of the GKE cluster; also the prefix of its service accounts (hence at most 16 characters)."
  type        = string
  default     = "sparkctl"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,15}$", var.cluster_name))
    error_message = "cluster_name must be 5 to 16 lower-case letters, digits or dashes, starting with a letter."
  }
}

variable "deletion_protection" {
  description = "Refuse `terraform destroy` of the cluster (set false for throw-away clusters)."
  type        = bool
  default     = true
}

variable "release_channel" {
  description = "GKE release channel: RAPID, REGULAR or STABLE."
  type        = string
  default     = "REGULAR"

  validation {
    condition     = contains(["RAPID", "REGULAR", "STABLE"], var.release_channel)
    error_message = "release_channel must be RAPID, REGULAR or STABLE."
  }
}

# --- Spark node pool ---------------------------------------------------------
# A driver and two executors of 1 core / 1g (config/conf.yaml) plus the
# spark-operator fit on one e2-standard-4 (4 vCPU, 16 GB); autoscaling adds
# nodes for larger jobs and removes them when the executors are gone.

variable "node_machine_type" {
  description = "Machine type of the Spark nodes."
  type        = string
  default     = "e2-standard-4"
}

variable "node_disk_size_gb" {
  description = "Boot disk of a Spark node; shuffle and spill files live there."
  type        = number
  default     = 100
}

variable "node_disk_type" {
  description = "Boot disk type: pd-balanced, pd-ssd or pd-standard."
  type        = string
  default     = "pd-balanced"
}

variable "node_spot" {
  description = "Use Spot VMs for the Spark nodes (cheaper; Spark re-runs the tasks of a reclaimed executor)."
  type        = bool
  default     = false
}

variable "min_nodes" {
  description = "Fewest Spark nodes the autoscaler keeps."
  type        = number
  default     = 1

  validation {
    condition     = var.min_nodes >= 0
    error_message = "min_nodes must not be negative."
  }
}

variable "max_nodes" {
  description = "Most Spark nodes the autoscaler creates."
  type        = number
  default     = 4

  validation {
    condition     = var.max_nodes >= 1
    error_message = "max_nodes must be at least 1."
  }
}

# --- Image registry ----------------------------------------------------------

variable "registry_location" {
  description = "Location of the Artifact Registry repository for the Spark image (empty: var.region)."
  type        = string
  default     = ""
}

variable "registry_repository_id" {
  description = "Artifact Registry repository that holds the sparkctl Spark image."
  type        = string
  default     = "sparkctl"
}

# --- Data access for the ETL job ----------------------------------------------

variable "data_bucket" {
  description = "Existing Cloud Storage bucket the ETL job reads (storage.base_uri = gs://<bucket>)."
  type        = string
}

variable "bucket_reader_can_write" {
  description = "Also let the bucket reader create and overwrite objects (the ETL job's Parquet output in the same bucket)."
  type        = bool
  default     = false
}

variable "spark_namespace" {
  description = "Kubernetes namespace of the Spark applications (kubernetes.namespace in config/conf.yaml)."
  type        = string
  default     = "spark"
}

variable "spark_service_account" {
  description = "Kubernetes service account of the Spark driver and executors (kubernetes.service_account)."
  type        = string
  default     = "spark"
}
