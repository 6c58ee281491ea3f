// Submitting an application: render it, replace one of the same name when
// asked, create it, and create what it needs beside it (a session's token
// Secret and Service). One call for `submit`, whatever the driver runs.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "sparkctl/config/config.hpp"
#include "sparkctl/k8s/application_render.hpp"
#include "sparkctl/k8s/cluster.hpp"
#include "sparkctl/k8s/spark_application.hpp"

namespace sparkctl::k8s {

struct SubmitOptions {
  bool replace = false;  // delete one of the same name first, and wait until it is gone
  bool dry_run = false;  // the API server validates everything, stores nothing
  std::chrono::seconds replace_timeout{3600};
};

struct Submitted {
  SparkApplication application;  // as the API server returned it
  // What was created beside it: "secret/NAME", "service/NAME".
  std::vector<std::string> also_created;
};

Submitted submit_application(Cluster& cluster, const config::Config& config,
                             const RenderRequest& request, const SubmitOptions& options);

}  // namespace sparkctl::k8s
