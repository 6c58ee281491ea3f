# shellcheck shell=bash disable=SC2034
# Versions of the Kubernetes test cluster's parts: sourced by
# scripts/build-k8s-test-servers.sh, scripts/test-cluster.sh and whatever
# builds the spark-operator later, so a version is changed in one place.
# Each can be overridden from the environment.

# kube-apiserver and kubectl: k8s.io/kubernetes at this tag; its staging
# modules (k8s.io/api, client-go, ...) are taken at the matching v0.x.y.
K8S_VERSION="${K8S_VERSION:-v1.36.3}"
# etcd server (go.etcd.io/etcd/server/v3); v1.36 is tested against etcd 3.6.
ETCD_VERSION="${ETCD_VERSION:-v3.6.16}"
# kubeflow spark-operator Go module: source of the SparkApplication CRDs
# and of the operator binary (scripts/build-spark-operator.sh).
SPARK_OPERATOR_MODULE="github.com/kubeflow/spark-operator/v2"
SPARK_OPERATOR_VERSION="${SPARK_OPERATOR_VERSION:-v2.5.2}"
# The real node of scripts/local-cluster.sh: kubelet, kube-scheduler,
# kube-controller-manager and kube-proxy come from k8s.io/kubernetes at
# $K8S_VERSION; cluster DNS and the CRI client from their own modules
# (crictl v1.35.0 refused containerd 1.6's CRI; v1.34.0 talks to it).
COREDNS_VERSION="${COREDNS_VERSION:-v1.14.7}"
CRICTL_VERSION="${CRICTL_VERSION:-v1.34.0}"
