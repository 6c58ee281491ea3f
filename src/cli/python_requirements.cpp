#include "python_requirements.hpp"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <fstream>
#include <sstream>

#include "sparkctl/config/keys.hpp"
#include "sparkctl/core/atomic_file.hpp"
#include "sparkctl/core/error.hpp"
#include "sparkctl/core/process.hpp"
#include "sparkctl/core/strings.hpp"
#include "sparkctl/runtime/cache_dir.hpp"
#include "sparkctl/runtime/spark_home.hpp"
#include "sparkctl/runtime/user_application.hpp"
#include "sparkctl/storage/staging.hpp"

namespace sparkctl::cli {

namespace fs = std::filesystem;

namespace {

constexpr int oldest_manylinux_glibc = 17;  // manylinux2014, what pip widens from there
constexpr const char* complete_marker = ".complete";

// bin/python of the archive: the packages beside it first on the path, then
// the Python Spark would have run. Spark starts it from the folder the
// archive was unpacked in (a relative path), so it finds itself by $0.
// PYSPARK_PYTHON is the real interpreter where sparkctl set it (local
// servers); elsewhere (the image) python3 is.
constexpr const char* launcher = R"sh(#!/bin/sh
# Made by sparkctl for --requirements: the packages in ../site, then Python.
here=$(cd "$(dirname "$0")/.." && pwd)
export PYTHONPATH="$here/site${PYTHONPATH:+:$PYTHONPATH}"
case "$PYSPARK_PYTHON" in
  /*) [ "$PYSPARK_PYTHON" != "$0" ] && exec "$PYSPARK_PYTHON" "$@" ;;
esac
exec python3 "$@"
)sh";

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A folder that is removed unless kept: nothing half-made stays in the cache.
class PartialDir {
 public:
  explicit PartialDir(fs::path path) : path_(std::move(path)) {
    std::error_code ec;
    fs::remove_all(path_, ec);
    fs::create_directories(path_, ec);
    if (ec) throw Error::cluster("cannot create " + path_.string() + ": " + ec.message());
  }
  ~PartialDir() {
    std::error_code ec;
    if (!kept_) fs::remove_all(path_, ec);
  }
  PartialDir(const PartialDir&) = delete;
  PartialDir& operator=(const PartialDir&) = delete;
  const fs::path& path() const { return path_; }
  void keep() { kept_ = true; }

 private:
  fs::path path_;
  bool kept_ = false;
};

std::vector<std::string> pip_command(const fs::path& requirements, const fs::path& python,
                                     const PythonTarget& target, const fs::path& site) {
  std::vector<std::string> argv = {python.string(),
                                   "-m",
                                   "pip",
                                   "install",
                                   "--quiet",
                                   "--no-input",
                                   "--disable-pip-version-check",
                                   "--no-compile",
                                   "--target",
                                   site.string()};
  if (!target.platform.empty()) {
    for (const auto& platform : compatible_platforms(target.platform))
      argv.insert(argv.end(), {"--platform", platform});
    argv.insert(argv.end(), {"--python-version", target.python_version, "--implementation", "cp",
                             "--only-binary=:all:"});
  }
  argv.insert(argv.end(), {"--requirement", requirements.string()});
  return argv;
}

// pip's "ERROR: ..." lines, in order.
std::vector<std::string> pip_errors(const std::string& log) {
  std::vector<std::string> errors;
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);)
    if (strings::starts_with(line, "ERROR: ")) errors.push_back(line.substr(7));
  return errors;
}

[[noreturn]] void pip_failed(const fs::path& requirements, const PythonTarget& target,
                             const fs::path& python, const std::string& log) {
  const std::string flag = "--requirements " + requirements.string();
  const std::string unbuilt = "No matching distribution found for ";
  const auto errors = pip_errors(log);
  for (const auto& error : errors) {
    const auto at = error.find(unbuilt);
    if (at != std::string::npos)
      throw Error::usage(flag + ": no build of " + error.substr(at + unbuilt.size()) + " for " +
                         target.describe() +
                         (target.platform.empty()
                              ? ""
                              : " (kubernetes.image_python, kubernetes.image_platform; only "
                                "binary wheels can be installed for another platform)"));
  }
  if (log.find("No module named pip") != std::string::npos)
    throw Error::cluster(flag + ": " + python.string() +
                         " has no pip to install them with (install python3-pip)");
  std::string cause = errors.empty() ? strings::trim(log) : errors.back();
  if (cause.size() > 400) cause = cause.substr(cause.size() - 400);
  throw Error::cluster(flag + ": pip failed: " + cause);
}

// Runs pip with its output in `log`; true when it succeeded.
bool run_pip(const std::vector<std::string>& argv, const fs::path& working_dir,
             const fs::path& log) {
  const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) throw Error::cluster("cannot write " + log.string());
  ProcessSpec spec;
  spec.argv = argv;
  spec.working_dir = working_dir.string();
  spec.stdout_fd = fd;
  spec.stderr_fd = fd;
  spec.env["PIP_NO_WARN_SCRIPT_LOCATION"] = "1";
  pid_t pid = -1;
  try {
    pid = spawn_process(spec);
  } catch (...) {
    ::close(fd);
    throw;
  }
  ::close(fd);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

// The launcher where runtime::python_deps_launcher says, under `root`.
void write_launcher(const fs::path& root) {
  const fs::path path = root / runtime::python_deps_launcher;
  fs::create_directories(path.parent_path());
  write_file_atomically(path.string(), launcher, 0755);
}

}  // namespace

std::string PythonTarget::describe() const {
  if (platform.empty()) return "this machine's Python";
  return "Python " + python_version + " on " + platform;
}

PythonTarget image_python(const config::Config& config) {
  return {config.get_string(config::keys::kubernetes_image_python),
          config.get_string(config::keys::kubernetes_image_platform)};
}

std::vector<std::string> compatible_platforms(const std::string& platform) {
  const std::string prefix = "manylinux_2_";
  if (!strings::starts_with(platform, prefix)) return {platform};
  const auto end = platform.find('_', prefix.size());
  if (end == std::string::npos) return {platform};
  int glibc = 0;
  try {
    glibc = std::stoi(platform.substr(prefix.size(), end - prefix.size()));
  } catch (const std::exception&) {
    return {platform};
  }
  const std::string arch = platform.substr(end + 1);
  std::vector<std::string> platforms;
  for (int minor = glibc; minor >= oldest_manylinux_glibc; --minor)
    platforms.push_back(prefix + std::to_string(minor) + "_" + arch);
  platforms.push_back("manylinux2014_" + arch);
  return platforms;
}

PackedRequirements pack_requirements(const fs::path& requirements, const fs::path& python,
                                     const PythonTarget& target) {
  const fs::path cache = runtime::user_cache_dir("python-deps");
  if (cache.empty())
    throw Error::cluster("--requirements: no cache folder (set HOME or XDG_CACHE_HOME)");
  const std::string key =
      storage::text_sha256(read_file(requirements) + '\n' + python.string() + '\n' +
                           target.python_version + '\n' + target.platform)
          .substr(0, 16);
  const fs::path dir = cache / key;
  PackedRequirements packed{dir / runtime::python_deps_archive, dir};
  std::error_code ec;
  if (fs::exists(dir / complete_marker, ec)) {
    spdlog::debug("--requirements {}: packed before in {}", requirements.string(), dir.string());
    return packed;
  }

  const auto started = std::chrono::steady_clock::now();
  spdlog::info("installing the packages of {} for {} ...", requirements.string(),
               target.describe());
  PartialDir partial(cache / (".partial-" + key + "-" + std::to_string(::getpid())));
  // The layout runtime/user_application.hpp names: python/site, python/bin/python.
  const fs::path site = partial.path() / runtime::python_deps_site;
  const auto argv = pip_command(fs::absolute(requirements), python, target, site);
  const fs::path log = partial.path() / "pip.log";
  if (!run_pip(argv, fs::absolute(requirements).parent_path(), log))
    pip_failed(requirements, target, python, read_file(log));
  write_launcher(partial.path());
  // Its entries under the folder's name, "python/": the layout unpacked.
  storage::zip_folder(site.parent_path(), partial.path() / runtime::python_deps_archive);
  fs::remove(log, ec);
  write_file_atomically((partial.path() / complete_marker).string(), "");
  fs::remove_all(dir, ec);  // a half-made one of a sparkctl that was killed
  fs::rename(partial.path(), dir, ec);
  if (ec && !fs::exists(dir / complete_marker))  // else another sparkctl packed it meanwhile
    throw Error::cluster("cannot move the packages into " + dir.string() + ": " + ec.message());
  if (!ec) partial.keep();
  spdlog::info("packed the packages of {} in {:.1f}s ({})", requirements.string(),
               std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(),
               packed.archive.string());
  return packed;
}

runtime::UserApplication with_packed_requirements(runtime::UserApplication app,
                                                  const config::Config& config,
                                                  const PythonTarget& target) {
  if (app.requirements.empty()) return app;
  const auto python = runtime::python_for_spark(runtime::configured_spark_home(config));
  const auto packed = pack_requirements(app.requirements, python, target);
  app.python_deps = packed.archive.string();
  app.python_deps_dir = packed.folder.string();
  return app;
}

}  // namespace sparkctl::cli
