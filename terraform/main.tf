# A GKE cluster for sparkctl's Spark applications (kubeflow spark-operator):
#
#   google_container_cluster.spark      zonal, VPC-native, Workload Identity,
#                                       default node pool removed
#   google_container_node_pool.spark    autoscaling pool the drivers and
#                                       executors run on
#   google_artifact_registry_repository.spark
#                                       holds the image built from docker/Dockerfile
#   google_service_account.nodes        what the nodes run as: GKE's node
#                                       role, image pulls, object reads
#   google_service_account.bucket_reader
#                                       the ETL job's identity on the data
#                                       bucket: its key becomes the
#                                       `spark-key-file` secret mounted at
#                                       /mnt/secrets/key.json, or the pods
#                                       use it through Workload Identity
#
# The spark-operator itself is installed with its Helm chart afterwards
# (docs/image.md).

locals {
  registry_location = var.registry_location != "" ? var.registry_location : var.region

  required_services = toset([
    "artifactregistry.googleapis.com",
    "container.googleapis.com",
    "iam.googleapis.com",
  ])

  # Project-wide roles of the node service account. Image pulls are granted
  # on the repository alone (google_artifact_registry_repository_iam_member).
  node_project_roles = toset([
    "roles/container.defaultNodeServiceAccount", # logging, monitoring, metadata
    "roles/storage.objectViewer",
  ])
}

resource "google_project_service" "required" {
  for_each = local.required_services

  service            = each.value
  disable_on_destroy = false
}

# --- Node identity -------------------------------------------------------------

resource "google_service_account" "nodes" {
  account_id   = "${var.cluster_name}-nodes"
  display_name = "GKE nodes of ${var.cluster_name}"
  depends_on   = [google_project_service.required]
}

resource "google_project_iam_member" "nodes" {
  for_each = local.node_project_roles

  project = var.project_id
  role    = each.value
  member  = google_service_account.nodes.member
}

# --- Cluster -------------------------------------------------------------------

resource "google_container_cluster" "spark" {
  name     = var.cluster_name
  location = var.zone

  # Node pools are managed as their own resources: the cluster is created
  # with a throw-away default pool that is removed right away.
  remove_default_node_pool = true
  initial_node_count       = 1

  networking_mode = "VPC_NATIVE"
  ip_allocation_policy {}

  release_channel {
    channel = var.release_channel
  }

  workload_identity_config {
    workload_pool = "${var.project_id}.svc.id.goog"
  }

  deletion_protection = var.deletion_protection

  depends_on = [google_project_service.required]
}

resource "google_container_node_pool" "spark" {
  name     = "spark"
  cluster  = google_container_cluster.spark.id
  location = var.zone

  initial_node_count = max(var.min_nodes, 1)

  autoscaling {
    min_node_count = var.min_nodes
    max_node_count = var.max_nodes
  }

  management {
    auto_repair  = true
    auto_upgrade = true
  }

  node_config {
    machine_type = var.node_machine_type
    disk_size_gb = var.node_disk_size_gb
    disk_type    = var.node_disk_type
    spot         = var.node_spot

    service_account = google_service_account.nodes.email
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]

    # Pods see the GKE metadata server, so Workload Identity applies.
    workload_metadata_config {
      mode = "GKE_METADATA"
    }

    labels = {
      workload = "spark"
    }
  }

  lifecycle {
    # The autoscaler owns the node count after creation.
    ignore_changes = [initial_node_count]
  }
}

# --- Image registry ------------------------------------------------------------

resource "google_artifact_registry_repository" "spark" {
  location      = local.registry_location
  repository_id = var.registry_repository_id
  format        = "DOCKER"
  description   = "sparkctl Spark images (docker/Dockerfile)"

  depends_on = [google_project_service.required]
}

resource "google_artifact_registry_repository_iam_member" "nodes_pull" {
  location   = google_artifact_registry_repository.spark.location
  repository = google_artifact_registry_repository.spark.name
  role       = "roles/artifactregistry.reader"
  member     = google_service_account.nodes.member
}

# --- The ETL job's access to its bucket ----------------------------------------

resource "google_service_account" "bucket_reader" {
  account_id   = "${var.cluster_name}-bucket-reader"
  display_name = "sparkctl ETL job: reads gs://${var.data_bucket}"
  depends_on   = [google_project_service.required]
}

resource "google_storage_bucket_iam_member" "bucket_reader" {
  bucket = var.data_bucket
  role   = var.bucket_reader_can_write ? "roles/storage.objectUser" : "roles/storage.objectViewer"
  member = google_service_account.bucket_reader.member
}

# The key for the `spark-key-file` secret (outputs.tf shows how to create
# it). It is kept in the Terraform state: keep the state private, or drop
# this resource and rely on Workload Identity below.
resource "google_service_account_key" "bucket_reader" {
  service_account_id = google_service_account.bucket_reader.name
}

# Keyless alternative: pods running as the Spark Kubernetes service account
# act as the bucket reader (annotate that service account with
# iam.gke.io/gcp-service-account=<bucket_reader_email>).
resource "google_service_account_iam_member" "spark_workload_identity" {
  service_account_id = google_service_account.bucket_reader.name
  role               = "roles/iam.workloadIdentityUser"
  member             = "serviceAccount:${var.project_id}.svc.id.goog[${var.spark_namespace}/${var.spark_service_account}]"

  # The workload identity pool exists once the cluster does.
  depends_on = [google_container_cluster.spark]
}
