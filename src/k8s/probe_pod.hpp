// The doctor checks that run a short-lived pod of the configured image:
// cluster DNS (the pod resolves kubernetes.default) and, with --image,
// that the image starts and its sparkctl answers. The pod is deleted
// again whatever happens.
#pragma once

#include "sparkctl/k8s/cluster_checks.hpp"

namespace sparkctl::k8s {

CheckResult dns_check(Client& client, const CheckOptions& options);
CheckResult image_check(Client& client, const CheckOptions& options);

}  // namespace sparkctl::k8s
