// `sparkctl doctor`: one checklist of what Spark on this cluster needs
// (k8s/cluster_checks.hpp), each line ✓ or ✗ with the fix; exit 0 only
// when every check passes (else 3, a cluster problem), -o json for scripts.
#include <CLI/CLI.hpp>
#include <ostream>

#include "duration_flags.hpp"
#include "kube_context.hpp"
#include "output.hpp"
#include "sparkctl/cli/registry.hpp"
#include "sparkctl/config/keys.hpp"
#include "sparkctl/k8s/cluster_checks.hpp"
#include "verb_callback.hpp"

namespace sparkctl::cli {

namespace {

struct DoctorOptions {
  KubeFlags kube;
  bool check_image = false;
  std::string image;  // --image's value; empty: kubernetes.image
  bool no_pods = false;
  DurationFlag pod_timeout{std::chrono::minutes(2)};
  OutputFormat output = OutputFormat::text;
  IOStreams io;
};

void print_line(std::ostream& out, const k8s::CheckResult& result) {
  out << (result.ok ? "\u2713 " : "\u2717 ") << result.detail << "\n";
  if (!result.ok && !result.fix.empty()) out << "    fix: " << result.fix << "\n";
  out.flush();
}

void run(const DoctorOptions& options, const GlobalOptions& globals) {
  KubeSession session = open_kube_session(globals, options.kube);
  k8s::CheckOptions checks;
  checks.namespace_ = session.namespace_();
  checks.service_account = session.config.get_string(config::keys::kubernetes_service_account);
  checks.image = session.config.get_string(config::keys::kubernetes_image);
  checks.image_pull_policy = session.config.get_string(config::keys::kubernetes_image_pull_policy);
  checks.check_image = options.check_image;
  checks.checked_image = options.image;
  checks.start_pods = !options.no_pods;
  checks.pod_timeout = options.pod_timeout.resolve(session.config);

  const bool text = options.output == OutputFormat::text;
  const auto results = k8s::run_cluster_checks(session.cluster, checks, [&](const auto& result) {
    if (text) print_line(*options.io.out, result);
  });
  std::size_t failed = 0;
  nlohmann::ordered_json json = nlohmann::ordered_json::array();
  for (const auto& r : results) {
    if (!r.ok) ++failed;
    json.push_back({{"check", r.name}, {"ok", r.ok}, {"detail", r.detail}, {"fix", r.fix}});
  }
  if (!text) print_object(*options.io.out, json, options.output);
  if (failed > 0)
    throw Error::cluster(std::to_string(failed) + " of " + std::to_string(results.size()) +
                         " checks failed");
}

void add_doctor_command(CLI::App& root, GlobalOptions& globals) {
  auto options = std::make_shared<DoctorOptions>();
  auto* command = root.add_subcommand(
      "doctor",
      "Check that Spark can run on the cluster: API server, user, namespace, operator and "
      "webhook, RBAC, service account, cluster DNS (exit 0 only when all pass)");
  add_kube_flags(*command, options->kube);
  // An option whose value may be left out: `--image` alone checks
  // kubernetes.image, `--image IMAGE` that image.
  auto* image = command->add_option(
      "--image", options->image,
      "Also run a pod of IMAGE (default kubernetes.image) and check that it starts "
      "and its sparkctl --version answers");
  image->expected(0, 1)->type_name("[IMAGE]");
  command->add_flag("--no-pods", options->no_pods,
                    "Skip the checks that start pods (cluster DNS, --image)");
  add_duration_flag(*command, "--pod-timeout", options->pod_timeout,
                    "How long a check pod may take");
  add_output_flag(*command, options->output,
                  {OutputFormat::text, OutputFormat::json, OutputFormat::yaml});
  // `--image` with no value leaves the string empty: whether it was given at all.
  command->parse_complete_callback([options, image] { options->check_image = image->count() > 0; });
  run_verb_with(*command, options, globals, run);
}

const CommandRegistration registration({46, add_doctor_command});

}  // namespace

}  // namespace sparkctl::cli
