#include "exec_credential.hpp"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <nlohmann/json.hpp>
#include <vector>

#include "sparkctl/core/base64.hpp"
#include "sparkctl/core/error.hpp"
#include "sparkctl/core/process.hpp"

namespace sparkctl::k8s {

namespace {

std::string exec_info(const ExecConfig& exec, const ClusterEntry& cluster) {
  nlohmann::json spec = {{"interactive", false}};
  if (exec.provide_cluster_info) {
    nlohmann::json c = {{"server", cluster.server},
                        {"insecure-skip-tls-verify", cluster.insecure_skip_tls_verify}};
    if (!cluster.tls_server_name.empty()) c["tls-server-name"] = cluster.tls_server_name;
    if (!cluster.proxy_url.empty()) c["proxy-url"] = cluster.proxy_url;
    if (!cluster.certificate_authority_data.empty())
      c["certificate-authority-data"] = base64_encode(cluster.certificate_authority_data);
    spec["cluster"] = c;
  }
  return nlohmann::json{
      {"apiVersion", exec.api_version}, {"kind", "ExecCredential"}, {"spec", spec}}
      .dump();
}

std::string failure_hint(const ExecConfig& exec) {
  return exec.install_hint.empty() ? "" : "\n" + exec.install_hint;
}

}  // namespace

std::optional<std::chrono::system_clock::time_point> parse_rfc3339(const std::string& text) {
  std::tm tm{};
  const char* rest = strptime(text.c_str(), "%Y-%m-%dT%H:%M:%S", &tm);
  if (!rest) return std::nullopt;
  if (*rest == '.')
    for (++rest; *rest >= '0' && *rest <= '9';) ++rest;  // fractional seconds: ignored
  long offset = 0;
  if (*rest == 'Z' || *rest == 'z') {
    ++rest;
  } else if (*rest == '+' || *rest == '-') {
    int hh = 0, mm = 0;
    if (std::sscanf(rest + 1, "%2d:%2d", &hh, &mm) != 2) return std::nullopt;
    offset = (hh * 3600L + mm * 60L) * (*rest == '+' ? 1 : -1);
    rest += 6;
  } else {
    return std::nullopt;
  }
  if (*rest != '\0') return std::nullopt;
  return std::chrono::system_clock::from_time_t(timegm(&tm) - offset);
}

ExecCredential parse_exec_credential(const std::string& output, const std::string& api_version,
                                     const std::string& command) {
  const std::string who = "exec plugin " + command;
  nlohmann::json j = nlohmann::json::parse(output, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    throw Error::cluster(who + ": output is not an ExecCredential JSON object");
  if (j.value("kind", "") != "ExecCredential")
    throw Error::cluster(who + ": output has kind \"" + j.value("kind", "") +
                         "\", expected ExecCredential");
  if (j.value("apiVersion", "") != api_version)
    throw Error::cluster(who + ": output has apiVersion \"" + j.value("apiVersion", "") +
                         "\", expected " + api_version);
  const auto& status = j.value("status", nlohmann::json::object());
  ExecCredential c;
  c.token = status.value("token", "");
  c.client_certificate_data = status.value("clientCertificateData", "");
  c.client_key_data = status.value("clientKeyData", "");
  if (c.token.empty() && (c.client_certificate_data.empty() || c.client_key_data.empty()))
    throw Error::cluster(who +
                         ": ExecCredential has neither status.token nor "
                         "status.clientCertificateData and status.clientKeyData");
  if (std::string exp = status.value("expirationTimestamp", ""); !exp.empty()) {
    c.expiration = parse_rfc3339(exp);
    if (!c.expiration)
      throw Error::cluster(who + ": bad status.expirationTimestamp \"" + exp + "\"");
  }
  return c;
}

ExecCredential run_exec_plugin(const ExecConfig& exec, const ClusterEntry& cluster) {
  const std::string& api = exec.api_version;
  if (api != "client.authentication.k8s.io/v1" && api != "client.authentication.k8s.io/v1beta1")
    throw Error::usage("exec plugin " + exec.command + ": unsupported apiVersion \"" + api +
                       "\" (use client.authentication.k8s.io/v1 or v1beta1)");

  ProcessSpec spec;
  spec.argv = {exec.command};
  spec.argv.insert(spec.argv.end(), exec.args.begin(), exec.args.end());
  spec.search_path = true;
  for (const auto& [k, v] : exec.env) spec.env[k] = v;
  spec.env["KUBERNETES_EXEC_INFO"] = exec_info(exec, cluster);

  int out[2];
  if (pipe2(out, O_CLOEXEC) != 0)
    throw Error::cluster("exec plugin: pipe: " + std::string(strerror(errno)));
  const int null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
  spec.stdin_fd = null_fd;
  spec.stdout_fd = out[1];
  spdlog::debug("running exec credential plugin {}", exec.command);
  pid_t pid = -1;
  std::string failure;
  try {
    pid = spawn_process(spec);
  } catch (const Error& e) {
    failure = e.what();
  }
  if (null_fd >= 0) close(null_fd);
  close(out[1]);
  if (pid < 0) {
    close(out[0]);
    throw Error::cluster("exec plugin " + exec.command + ": " + failure + failure_hint(exec));
  }
  std::string output;
  char buf[4096];
  for (ssize_t n; (n = read(out[0], buf, sizeof buf)) != 0;) {
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    output.append(buf, size_t(n));
  }
  close(out[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw Error::cluster("exec plugin " + exec.command + " failed with " +
                         (WIFEXITED(status) ? "exit code " + std::to_string(WEXITSTATUS(status))
                                            : "signal " + std::to_string(WTERMSIG(status))) +
                         failure_hint(exec));
  return parse_exec_credential(output, api, exec.command);
}

}  // namespace sparkctl::k8s
