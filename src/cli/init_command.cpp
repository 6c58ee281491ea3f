// `sparkctl init`: set a namespace up for Spark applications by
// server-side apply (k8s/cluster_setup.hpp): the namespace, the driver's
// service account, its Role and RoleBinding, and when asked the key-file
// Secret and an image pull Secret bound to the service account. Running
// it again changes nothing; Secret contents are never printed.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <ostream>

#include "kube_context.hpp"
#include "output.hpp"
#include "sparkctl/cli/registry.hpp"
#include "sparkctl/config/keys.hpp"
#include "sparkctl/core/atomic_file.hpp"
#include "sparkctl/k8s/cluster_setup.hpp"
#include "sparkctl/k8s/server_side_apply.hpp"
#include "verb_callback.hpp"

namespace sparkctl::cli {

namespace {

struct InitOptions {
  KubeFlags kube;
  std::string key_file;
  std::string key_secret = "spark-key-file";
  std::string image_pull_secret;
  std::string docker_config;
  DryRun dry_run = DryRun::none;
  IOStreams io;
};

std::string read_input(const std::string& path, const char* flag) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    throw Error::usage(std::string(flag) + ": " + path + " is not a readable file");
  return read_file(path);
}

k8s::SetupRequest request_for(const KubeSession& session, const InitOptions& options) {
  k8s::SetupRequest request;
  request.namespace_ = session.namespace_();
  request.service_account = session.config.get_string(config::keys::kubernetes_service_account);
  request.labels = session.config.get_map(config::keys::kubernetes_labels);
  if (!options.key_file.empty()) request.key_file = read_input(options.key_file, "--key-file");
  request.key_secret = options.key_secret;
  request.image_pull_secret = session.config.get_string(config::keys::kubernetes_image_pull_secret);
  if (!options.docker_config.empty())
    request.docker_config = read_input(options.docker_config, "--docker-config");
  return request;
}

void run(const InitOptions& options, const GlobalOptions& globals) {
  std::vector<config::Override> overrides;
  if (!options.image_pull_secret.empty())
    overrides.push_back({config::keys::kubernetes_image_pull_secret, options.image_pull_secret,
                         "--image-pull-secret"});
  KubeSession session = open_kube_session(globals, options.kube, overrides);
  const auto request = request_for(session, options);
  if (request.docker_config && request.image_pull_secret.empty())
    throw Error::usage("--docker-config needs --image-pull-secret NAME (the Secret to make)");
  const bool dry_run = options.dry_run == DryRun::server;
  const char* suffix = dry_run ? " (server dry run)" : "";

  k8s::apply_cluster_setup(
      session.cluster, request, dry_run,
      [&](const k8s::SetupObject& object, std::optional<k8s::ApplyOutcome> outcome) {
        if (!outcome) {
          *options.io.out << object.kind << "/" << object.name << " not validated" << suffix
                          << ": namespace " << request.namespace_ << " does not exist yet\n";
          return;
        }
        *options.io.out << object.kind << "/" << object.name
                        << (object.part.empty() ? "" : " " + object.part) << " "
                        << k8s::describe(*outcome) << suffix << "\n";
      });
  options.io.out->flush();
  if (!dry_run && k8s::pull_secret_missing(session.cluster, request)) {
    spdlog::warn(
        "image pull Secret {} does not exist in namespace {}: pods cannot pull from a private "
        "registry until it does (create it with --docker-config ~/.docker/config.json)",
        request.image_pull_secret, request.namespace_);
  }
}

void add_init_command(CLI::App& root, GlobalOptions& globals) {
  auto options = std::make_shared<InitOptions>();
  auto* command = root.add_subcommand(
      "init",
      "Set up a namespace for Spark (server-side apply, safe to repeat): the namespace, the "
      "driver's service account (kubernetes.service_account) with its Role and RoleBinding, and "
      "optionally the key-file Secret and an image pull Secret");
  add_kube_flags(*command, options->kube);
  command->add_option("--key-file", options->key_file,
                      "Store this file (e.g. a GCS service-account key) in the key-file Secret, "
                      "under key.json; its content is never printed");
  command->add_option("--key-secret", options->key_secret, "Name of the key-file Secret")
      ->capture_default_str();
  command->add_option("--image-pull-secret", options->image_pull_secret,
                      "Bind this image pull Secret to the service account (overrides "
                      "kubernetes.image_pull_secret)");
  command->add_option("--docker-config", options->docker_config,
                      "Make the image pull Secret from this docker config.json (e.g. "
                      "~/.docker/config.json); needs --image-pull-secret");
  add_dry_run_flag(*command, options->dry_run,
                   "server: have the API server validate every object without storing it");
  run_verb_with(*command, options, globals, run);
}

const CommandRegistration registration({45, add_init_command});

}  // namespace

}  // namespace sparkctl::cli
