#include "sparkctl/k8s/cluster.hpp"

#include "sparkctl/k8s/spark_application.hpp"

namespace sparkctl::k8s {

namespace {

std::string in_namespace(std::string api, const std::string& ns, const std::string& plural,
                         const std::string& name) {
  return api + "/namespaces/" + ns + "/" + plural + (name.empty() ? "" : "/" + name);
}

}  // namespace

std::string Cluster::core_path(const std::string& plural, const std::string& name) const {
  return in_namespace("/api/v1", ns_, plural, name);
}

std::string Cluster::operator_path(const std::string& plural, const std::string& name) const {
  return in_namespace(std::string("/apis/") + spark_api_version, ns_, plural, name);
}

}  // namespace sparkctl::k8s
