// Reading and merging kubeconfig files (see kubeconfig.hpp for the rules).
#include "sparkctl/k8s/kubeconfig.hpp"

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <functional>

#include "sparkctl/core/base64.hpp"
#include "sparkctl/core/error.hpp"

namespace sparkctl::k8s {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const std::string& path, const YAML::Node& node, const std::string& what) {
  std::string where = path;
  if (node.IsDefined() && node.Mark().line >= 0)
    where += ":" + std::to_string(node.Mark().line + 1);
  throw Error::usage(where + ": " + what);
}

std::string scalar(const std::string& path, const YAML::Node& map, const char* key) {
  YAML::Node v = map[key];
  if (!v || v.IsNull()) return {};
  if (!v.IsScalar()) fail(path, v, std::string("'") + key + "' must be a string");
  return v.as<std::string>();
}

bool boolean(const std::string& path, const YAML::Node& map, const char* key) {
  std::string v = scalar(path, map, key);
  if (v.empty() || v == "false") return false;
  if (v == "true") return true;
  fail(path, map[key], std::string("'") + key + "' must be true or false, not '" + v + "'");
}

// *-data fields hold base64; a bad one is named without echoing it (it may be a key).
std::string data_field(const std::string& path, const YAML::Node& map, const char* key) {
  std::string v = scalar(path, map, key);
  if (v.empty()) return {};
  auto decoded = base64_decode(v);
  if (!decoded) fail(path, map[key], std::string("'") + key + "' is not valid base64");
  return *decoded;
}

// Relative file references are relative to the kubeconfig that names them.
std::string resolve(const std::string& dir, const std::string& p) {
  if (p.empty() || fs::path(p).is_absolute()) return p;
  return (fs::path(dir) / p).lexically_normal().string();
}

ClusterEntry parse_cluster(const std::string& path, const std::string& dir, const YAML::Node& c) {
  ClusterEntry e;
  e.server = scalar(path, c, "server");
  e.certificate_authority = resolve(dir, scalar(path, c, "certificate-authority"));
  e.certificate_authority_data = data_field(path, c, "certificate-authority-data");
  e.insecure_skip_tls_verify = boolean(path, c, "insecure-skip-tls-verify");
  e.tls_server_name = scalar(path, c, "tls-server-name");
  e.proxy_url = scalar(path, c, "proxy-url");
  e.origin = path;
  return e;
}

ExecConfig parse_exec(const std::string& path, const std::string& dir, const YAML::Node& x) {
  ExecConfig e;
  e.api_version = scalar(path, x, "apiVersion");
  e.command = scalar(path, x, "command");
  if (e.command.empty()) fail(path, x, "exec: 'command' is required");
  // client-go resolves only commands that contain a path separator.
  if (e.command.find('/') != std::string::npos) e.command = resolve(dir, e.command);
  if (YAML::Node args = x["args"]; args && args.IsSequence())
    for (const auto& a : args) e.args.push_back(a.as<std::string>());
  if (YAML::Node env = x["env"]; env && env.IsSequence())
    for (const auto& kv : env)
      e.env.emplace_back(scalar(path, kv, "name"), scalar(path, kv, "value"));
  e.install_hint = scalar(path, x, "installHint");
  e.provide_cluster_info = boolean(path, x, "provideClusterInfo");
  return e;
}

UserEntry parse_user(const std::string& path, const std::string& dir, const YAML::Node& u) {
  UserEntry e;
  e.client_certificate = resolve(dir, scalar(path, u, "client-certificate"));
  e.client_key = resolve(dir, scalar(path, u, "client-key"));
  e.client_certificate_data = data_field(path, u, "client-certificate-data");
  e.client_key_data = data_field(path, u, "client-key-data");
  e.token = scalar(path, u, "token");
  e.token_file = resolve(dir, scalar(path, u, "tokenFile"));
  e.username = scalar(path, u, "username");
  e.password = scalar(path, u, "password");
  if (YAML::Node x = u["exec"]; x && !x.IsNull()) e.exec = parse_exec(path, dir, x);
  if (YAML::Node ap = u["auth-provider"]; ap && !ap.IsNull())
    fail(path, ap, "auth-provider is not supported; use an exec credential plugin");
  e.origin = path;
  return e;
}

ContextEntry parse_context(const std::string& path, const YAML::Node& c) {
  return {scalar(path, c, "cluster"), scalar(path, c, "user"), scalar(path, c, "namespace"), path};
}

// Walks a `- name: x\n  <key>: {...}` list, keeping the first definition of each name.
template <typename Entry>
void merge_named(const std::string& path, const YAML::Node& root, const char* list, const char* key,
                 std::map<std::string, Entry>& into,
                 const std::function<Entry(const YAML::Node&)>& parse) {
  YAML::Node seq = root[list];
  if (!seq || seq.IsNull()) return;
  if (!seq.IsSequence()) fail(path, seq, std::string("'") + list + "' must be a list");
  for (const auto& item : seq) {
    std::string name = scalar(path, item, "name");
    if (name.empty()) fail(path, item, std::string("an entry of '") + list + "' has no name");
    if (into.count(name)) continue;
    YAML::Node body = item[key];
    into.emplace(name, parse(body ? body : YAML::Node(YAML::NodeType::Map)));
  }
}

}  // namespace

void Kubeconfig::merge_file(const std::string& path) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    throw Error::usage(path + ": cannot read kubeconfig");
  } catch (const YAML::Exception& e) {
    throw Error::usage(path + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  files.push_back(path);
  if (root.IsNull()) return;  // an empty file is a valid, empty config
  if (!root.IsMap()) fail(path, root, "a kubeconfig must be a YAML mapping");
  const std::string dir = fs::path(path).parent_path().string();
  try {
    merge_named<ClusterEntry>(path, root, "clusters", "cluster", clusters,
                              [&](const YAML::Node& n) { return parse_cluster(path, dir, n); });
    merge_named<UserEntry>(path, root, "users", "user", users,
                           [&](const YAML::Node& n) { return parse_user(path, dir, n); });
    merge_named<ContextEntry>(path, root, "contexts", "context", contexts,
                              [&](const YAML::Node& n) { return parse_context(path, n); });
  } catch (const YAML::Exception& e) {
    throw Error::usage(path + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  if (current_context.empty()) current_context = scalar(path, root, "current-context");
}

}  // namespace sparkctl::k8s
