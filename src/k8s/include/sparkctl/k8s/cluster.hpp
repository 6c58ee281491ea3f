// One namespace of one cluster: the connection the typed clients
// (applications.hpp, pods.hpp, schedules.hpp, session_objects.hpp) work
// through, as client-go's typed clients share a clientset. Only they build
// API paths and call the REST client; verbs call them.
#pragma once

#include <string>
#include <utility>

#include "sparkctl/k8s/api_action.hpp"
#include "sparkctl/k8s/client.hpp"

namespace sparkctl::k8s {

class Cluster {
 public:
  Cluster(Client client, std::string ns) : client_(std::move(client)), ns_(std::move(ns)) {}

  Client& client() { return client_; }
  const std::string& namespace_() const { return ns_; }
  const std::string& server() const { return client_.server(); }

  // `call()` with its ApiError put into words (api_action.hpp): `verb` on
  // `resource` named `name` ("" for collections) in this namespace.
  template <typename Call>
  auto call(const std::string& verb, const std::string& resource, const std::string& name,
            Call&& call) {
    return api_call(server(), {verb, resource, ns_, name}, std::forward<Call>(call));
  }

  // /api/v1/namespaces/<ns>/<plural>[/<name>] (core objects: pods, secrets, ...)
  std::string core_path(const std::string& plural, const std::string& name = "") const;
  // /apis/sparkoperator.k8s.io/v1beta2/namespaces/<ns>/<plural>[/<name>]
  // (the operator's SparkApplications and ScheduledSparkApplications)
  std::string operator_path(const std::string& plural, const std::string& name = "") const;

 private:
  Client client_;
  std::string ns_;
};

}  // namespace sparkctl::k8s
