#include "local_container.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "sparkctl/k8s/secret_data.hpp"

namespace sparkctl::e2e {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// GET `path`, retrying a 404 for up to 60 s: spark-submit creates the
// driver pod before the ConfigMap it mounts, and a kubelet waits for it.
json get_eventually(sparkctl::k8s::Client& client, const std::string& path) {
  const auto deadline = std::chrono::steady_clock::now() + 60s;
  while (true) {
    auto response = client.request("GET", path, "", "");
    if (response.status == 200) return response.json();
    if (response.status != 404 || std::chrono::steady_clock::now() > deadline)
      throw std::runtime_error("simulated kubelet: GET " + path + " answered " +
                               std::to_string(response.status));
    std::this_thread::sleep_for(500ms);
  }
}

// A configMap's or secret's keys as files, honouring `items` (key -> path).
void write_keys(const fs::path& dir, const std::map<std::string, std::string>& values,
                const json& volume_source) {
  fs::create_directories(dir);
  if (volume_source.contains("items")) {
    for (const auto& item : volume_source["items"]) {
      const std::string key = item.value("key", "");
      if (!values.count(key))
        throw std::runtime_error("simulated kubelet: no key " + key + " for a volume");
      const fs::path file = dir / item.value("path", key);
      fs::create_directories(file.parent_path());
      std::ofstream(file, std::ios::binary) << values.at(key);
    }
    return;
  }
  for (const auto& [key, value] : values) std::ofstream(dir / key, std::ios::binary) << value;
}

std::map<std::string, std::string> string_map(const json& object) {
  std::map<std::string, std::string> out;
  for (const auto& [key, value] : object.items())
    if (value.is_string()) out[key] = value.get<std::string>();
  return out;
}

// Replaces (or adds) `key=value` lines of a Java properties file.
void override_properties(const fs::path& file,
                         const std::map<std::string, std::string>& overrides) {
  std::istringstream in(slurp(file));
  std::ostringstream out;
  std::map<std::string, std::string> left = overrides;
  for (std::string line; std::getline(in, line);) {
    const auto eq = line.find('=');
    const std::string key = eq == std::string::npos ? "" : line.substr(0, eq);
    if (auto it = left.find(key); it != left.end()) {
      out << key << "=" << it->second << "\n";
      left.erase(it);
    } else {
      out << line << "\n";
    }
  }
  for (const auto& [key, value] : left) out << key << "=" << value << "\n";
  std::ofstream(file, std::ios::trunc) << out.str();
}

}  // namespace

bool selects(const json& selector, const json& labels) {
  if (!selector.is_object() || selector.empty()) return false;
  for (const auto& [key, value] : selector.items()) {
    if (!labels.contains(key) || labels[key] != value) return false;
  }
  return true;
}

LocalContainer::LocalContainer(sparkctl::k8s::Client& client, const json& pod,
                               const std::string& container_name, LocalContainerOptions options)
    : options_(std::move(options)) {
  const std::string ns = pod["metadata"].value("namespace", "");
  const std::string pod_name = pod["metadata"].value("name", "");
  const std::string api = "/api/v1/namespaces/" + ns;
  const json& spec = pod["spec"];
  const json* container = nullptr;
  for (const auto& c : spec["containers"])
    if (c.value("name", "") == container_name) container = &c;
  if (!container)
    throw std::runtime_error("simulated kubelet: pod " + pod_name + " has no container " +
                             container_name);
  if (container->contains("command"))
    throw std::runtime_error(
        "simulated kubelet: only the image's entrypoint is supported, not `command`");

  // Volumes.
  std::map<std::string, fs::path> volume_dirs;
  for (const auto& volume : spec.value("volumes", json::array())) {
    const std::string name = volume.value("name", "");
    const fs::path dir = options_.root / "volumes" / name;
    if (volume.contains("configMap")) {
      const json& source = volume["configMap"];
      const json map = get_eventually(client, api + "/configmaps/" + source.value("name", ""));
      write_keys(dir, string_map(map.value("data", json::object())), source);
    } else if (volume.contains("secret")) {
      const json& source = volume["secret"];
      write_keys(dir,
                 sparkctl::k8s::secret_data(
                     get_eventually(client, api + "/secrets/" + source.value("secretName", ""))),
                 source);
    } else if (volume.contains("emptyDir")) {
      fs::create_directories(dir);
    } else {
      throw std::runtime_error("simulated kubelet: volume " + name +
                               " is of a kind it cannot provide");
    }
    volume_dirs[name] = dir;
  }
  for (const auto& mount : container->value("volumeMounts", json::array())) {
    mounts_[mount.value("mountPath", "")] = volume_dirs.at(mount.value("name", ""));
  }
  if (!options_.property_overrides.empty()) {
    for (const auto& [mount_path, dir] : mounts_) {
      for (const auto& entry : fs::recursive_directory_iterator(dir))
        if (entry.path().extension() == ".properties")
          override_properties(entry.path(), options_.property_overrides);
    }
  }

  // Cluster DNS: Services selecting this pod resolve to its IP.
  const fs::path hosts = options_.root / "hosts";
  {
    char host[256] = {};
    ::gethostname(host, sizeof host - 1);
    std::ofstream out(hosts);
    out << "127.0.0.1 localhost " << host << "\n" << options_.pod_ip << " " << pod_name << "\n";
    const json services = client.get(api + "/services");
    const json labels = pod["metadata"].value("labels", json::object());
    for (const auto& service : services.value("items", json::array())) {
      if (!selects(service["spec"].value("selector", json::object()), labels)) continue;
      const std::string name = service["metadata"].value("name", "");
      out << options_.pod_ip << " " << name << " " << name << "." << ns << " " << name << "." << ns
          << ".svc " << name << "." << ns << ".svc.cluster.local\n";
    }
  }

  // Environment: the image's, then the container's.
  env_ = options_.image_env;
  env_["HOSTNAME"] = pod_name;
  env_["JDK_JAVA_OPTIONS"] = "-Djdk.net.hosts.file=" + hosts.string();
  for (const auto& var : container->value("env", json::array())) {
    const std::string name = var.value("name", "");
    if (var.contains("value")) {
      env_[name] = map_paths(var.value("value", ""));
      continue;
    }
    const json from = var.value("valueFrom", json::object());
    if (from.contains("fieldRef")) {
      const std::string field = from["fieldRef"].value("fieldPath", "");
      if (field == "status.podIP")
        env_[name] = options_.pod_ip;
      else if (field == "metadata.name")
        env_[name] = pod_name;
      else if (field == "metadata.namespace")
        env_[name] = ns;
      else
        throw std::runtime_error("simulated kubelet: env " + name + " from unsupported field " +
                                 field);
    } else if (from.contains("secretKeyRef")) {
      const json& ref = from["secretKeyRef"];
      const auto values = sparkctl::k8s::secret_data(
          get_eventually(client, api + "/secrets/" + ref.value("name", "")));
      env_[name] = values.at(ref.value("key", ""));
    } else if (from.contains("configMapKeyRef")) {
      const json& ref = from["configMapKeyRef"];
      const json map = get_eventually(client, api + "/configmaps/" + ref.value("name", ""));
      env_[name] = map["data"].value(ref.value("key", ""), "");
    } else {
      throw std::runtime_error("simulated kubelet: env " + name +
                               " has a source it cannot provide");
    }
  }

  argv_ = options_.image_entrypoint;
  for (const auto& arg : container->value("args", json::array()))
    argv_.push_back(map_paths(arg.get<std::string>()));
  work_dir_ = options_.root / "work-dir";
  fs::create_directories(work_dir_);
}

LocalContainer::~LocalContainer() { stop(std::chrono::seconds(5)); }

std::string LocalContainer::map_paths(const std::string& text) const {
  // The longest mount path that is a prefix of `text` at a path boundary.
  const std::pair<const std::string, fs::path>* best = nullptr;
  for (const auto& entry : mounts_) {
    const std::string& mount = entry.first;
    if (text.rfind(mount, 0) != 0) continue;
    if (text.size() > mount.size() && text[mount.size()] != '/') continue;
    if (!best || mount.size() > best->first.size()) best = &entry;
  }
  return best ? best->second.string() + text.substr(best->first.size()) : text;
}

void LocalContainer::start() {
  std::vector<std::string> env_strings;
  for (const auto& [key, value] : env_) env_strings.push_back(key + "=" + value);
  std::vector<char*> argv, envp;
  for (auto& arg : argv_) argv.push_back(arg.data());
  argv.push_back(nullptr);
  for (auto& var : env_strings) envp.push_back(var.data());
  envp.push_back(nullptr);
  const std::string out = (options_.root / "stdout").string(),
                    err = (options_.root / "stderr").string();
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("simulated kubelet: fork failed");
  if (pid_ == 0) {
    ::setpgid(0, 0);  // the container's processes are one group
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    const int stdout_fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int stderr_fd = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int null_fd = ::open("/dev/null", O_RDONLY);
    if (stdout_fd < 0 || stderr_fd < 0 || null_fd < 0 || ::chdir(work_dir_.c_str()) != 0)
      ::_exit(127);
    ::dup2(null_fd, 0);
    ::dup2(stdout_fd, 1);
    ::dup2(stderr_fd, 2);
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
  ::setpgid(pid_, pid_);
}

std::optional<int> LocalContainer::wait(std::chrono::seconds timeout) {
  if (exit_code_ || pid_ <= 0) return exit_code_;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      ::kill(-pid_, SIGKILL);  // anything it left behind in its group
      return exit_code_;
    }
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(100ms);
  }
}

void LocalContainer::stop(std::chrono::seconds grace) {
  if (pid_ <= 0 || exit_code_) return;
  ::kill(pid_, SIGTERM);  // as a kubelet: to the main process, which must stop the rest
  if (!wait(grace)) {
    ::kill(-pid_, SIGKILL);
    wait(std::chrono::seconds(10));
  }
}

std::string LocalContainer::out() const { return slurp(options_.root / "stdout"); }
std::string LocalContainer::err() const { return slurp(options_.root / "stderr"); }

}  // namespace sparkctl::e2e
