#include "sparkctl/k8s/submission.hpp"

#include <spdlog/spdlog.h>

#include "sparkctl/k8s/applications.hpp"
#include "sparkctl/k8s/session_objects.hpp"

namespace sparkctl::k8s {

namespace {

void replace_existing(Cluster& cluster, const std::string& name, std::chrono::seconds timeout) {
  Applications applications(cluster);
  if (!applications.remove(name)) return;  // nothing to replace
  spdlog::info("deleted the existing SparkApplication {}; waiting until it is gone", name);
  applications.wait_until_deleted(name, timeout);
  // Before the garbage collector, which may be late.
  SessionObjects(cluster).remove(name);
}

}  // namespace

Submitted submit_application(Cluster& cluster, const config::Config& config,
                             const RenderRequest& request, const SubmitOptions& options) {
  const auto manifest = render_application(config, request);
  if (options.replace) replace_existing(cluster, request.name, options.replace_timeout);
  Submitted submitted{Applications(cluster).create(nlohmann::json(manifest), options.dry_run), {}};
  if (request.program.serves_sessions) {
    submitted.also_created =
        SessionObjects(cluster).create(config, request, submitted.application, options.dry_run);
  }
  return submitted;
}

}  // namespace sparkctl::k8s
