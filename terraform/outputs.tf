output "cluster_name" {
  description = "Name of the GKE cluster."
  value       = google_container_cluster.spark.name
}

output "cluster_location" {
  description = "Zone of the cluster."
  value       = google_container_cluster.spark.location
}

output "cluster_endpoint" {
  description = "Address of the cluster's Kubernetes API server."
  value       = google_container_cluster.spark.endpoint
}

output "get_credentials_command" {
  description = "Adds the cluster to your kubeconfig, for kubectl and sparkctl."
  value       = "gcloud container clusters get-credentials ${google_container_cluster.spark.name} --zone ${google_container_cluster.spark.location} --project ${var.project_id}"
}

output "registry_url" {
  description = "Artifact Registry repository for the Spark image: push to <registry_url>/spark:<tag>."
  value       = google_artifact_registry_repository.spark.registry_uri
}

output "docker_auth_command" {
  description = "Lets docker push to the repository."
  value       = "gcloud auth configure-docker ${split("/", google_artifact_registry_repository.spark.registry_uri)[0]}"
}

output "node_service_account" {
  description = "Service account the Spark nodes run as."
  value       = google_service_account.nodes.email
}

output "bucket_reader_email" {
  description = "Service account of the ETL job on the data bucket (for Workload Identity annotations)."
  value       = google_service_account.bucket_reader.email
}

output "bucket_reader_key" {
  description = "Base64 of the bucket reader's JSON key: the content of the spark-key-file secret."
  value       = google_service_account_key.bucket_reader.private_key
  sensitive   = true
}

output "spark_key_secret_command" {
  description = "Creates the spark-key-file secret that Spark pods mount at /mnt/secrets (key.json)."
  value       = "terraform output -raw bucket_reader_key | base64 -d > key.json && kubectl -n ${var.spark_namespace} create secret generic spark-key-file --from-file=key.json && rm key.json"
}
