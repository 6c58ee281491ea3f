#include "sparkctl/runtime/application_runner.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spdlog/spdlog.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <deque>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "python_bootstrap.hpp"
#include "sparkctl/core/error.hpp"
#include "sparkctl/core/process.hpp"
#include "sparkctl/core/strings.hpp"
#include "sparkctl/runtime/child_process.hpp"
#include "sparkctl/runtime/signals.hpp"
#include "sparkctl/runtime/spark_home.hpp"

namespace sparkctl::runtime {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kept_stderr_lines = 200;
// The Python of a Spark Connect session's UDF workers (a session setting).
constexpr const char* connect_workers_python = "spark.sql.execution.pyspark.python";
constexpr auto stop_grace = std::chrono::seconds(5);

// Where the script's own imports of --py-files resolve: zips and eggs as
// they are, single .py files linked into one folder of the run.
std::string python_path(const UserApplication& app, const fs::path& work_dir) {
  std::vector<std::string> entries;
  const fs::path modules = work_dir / ".sparkctl-py-files";
  for (const auto& py_file : app.py_files) {
    if (!strings::ends_with(strings::to_lower(py_file), ".py")) {
      entries.push_back(fs::absolute(py_file).string());
      continue;
    }
    std::error_code ec;
    fs::create_directories(modules, ec);
    const auto link = modules / fs::path(py_file).filename();
    fs::remove(link, ec);
    fs::create_symlink(fs::absolute(py_file), link, ec);
    if (ec) throw Error::cluster("cannot link " + py_file + " into " + modules.string());
    if (std::find(entries.begin(), entries.end(), modules.string()) == entries.end())
      entries.push_back(modules.string());
  }
  // --requirements after the application's own modules, as site-packages are.
  if (!app.python_deps_dir.empty())
    entries.push_back((fs::absolute(app.python_deps_dir) / python_deps_site).string());
  if (const char* inherited = std::getenv("PYTHONPATH"); inherited && *inherited)
    entries.emplace_back(inherited);
  return strings::join(entries, ":");
}

// A Spark distribution (or the image's /opt/spark) is not on the Python
// path: its python/lib zips are, as Spark puts them there for its own
// Python processes.
std::vector<std::string> spark_python_libs(const fs::path& spark_home) {
  std::vector<std::string> libs;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(spark_home / "python" / "lib", ec)) {
    const auto name = entry.path().filename().string();
    if (name == "pyspark.zip" ||
        (strings::starts_with(name, "py4j-") && strings::ends_with(name, ".zip")))
      libs.push_back(entry.path().string());
  }
  std::sort(libs.begin(), libs.end(), std::greater<>());  // pyspark.zip first
  return libs;
}

std::vector<std::string> absolute_all(const std::vector<std::string>& paths) {
  std::vector<std::string> out;
  for (const auto& path : paths) out.push_back(fs::absolute(path).string());
  return out;
}

ProcessSpec connect_script(const UserApplication& app, const ApplicationRun& run) {
  ProcessSpec spec;
  spec.argv = {python_for_spark(run.spark_home).string(), "-c", python_bootstrap,
               fs::absolute(app.main_file).string()};
  spec.argv.insert(spec.argv.end(), app.arguments.begin(), app.arguments.end());
  spec.env["SPARK_REMOTE"] = remote_for_pyspark(run.remote);
  std::string path = python_path(app, run.work_dir);
  const auto packages = run.spark_home.parent_path().filename();
  if (packages != "site-packages" && packages != "dist-packages") {
    for (const auto& lib : spark_python_libs(run.spark_home))
      path += (path.empty() ? "" : ":") + lib;
  }
  spec.env["PYTHONPATH"] = path;
  std::vector<std::string> archives = absolute_all(app.archives);
  auto conf = app.conf;
  if (!app.python_deps.empty()) {
    // A session's archives are unpacked in the folder its Python workers
    // start in: the launcher is found there by its relative path.
    archives.push_back(fs::absolute(app.python_deps).string());
    conf.emplace(connect_workers_python,
                 std::string(python_deps_archive) + "/" + python_deps_launcher);
  }
  spec.env["SPARKCTL_APP_PY_FILES"] = strings::join(absolute_all(app.py_files), ":");
  spec.env["SPARKCTL_APP_FILES"] = strings::join(absolute_all(app.files), ":");
  spec.env["SPARKCTL_APP_ARCHIVES"] = strings::join(archives, ":");
  // Jars reach the session's class path (a JDBC driver, a Scala UDF's classes).
  spec.env["SPARKCTL_APP_JARS"] = strings::join(absolute_all(app.jars), ":");
  spec.env["SPARKCTL_APP_CONF"] = nlohmann::json(conf).dump();
  return spec;
}

void add_list(std::vector<std::string>& argv, const char* flag,
              const std::vector<std::string>& paths) {
  if (paths.empty()) return;
  argv.push_back(flag);
  argv.push_back(strings::join(paths, ","));
}

ProcessSpec spark_submit(const UserApplication& app, const ApplicationRun& run) {
  ProcessSpec spec;
  spec.argv = {(run.spark_home / "bin" / "spark-submit").string(), "--master", run.master};
  if (!app.main_class.empty()) spec.argv.insert(spec.argv.end(), {"--class", app.main_class});
  add_list(spec.argv, "--py-files", app.py_files);
  add_list(spec.argv, "--files", app.files);
  add_list(spec.argv, "--jars", app.jars);
  add_list(spec.argv, "--archives", app.archives);
  auto conf = app.conf;
  // Spark's web UI answers every local user: off unless the application asks for it.
  conf.emplace("spark.ui.enabled", "false");
  // Local executors' Python workers run the launcher where it was unpacked.
  if (!app.python_deps_dir.empty())
    conf.emplace("spark.pyspark.python",
                 (fs::absolute(app.python_deps_dir) / python_deps_launcher).string());
  for (const auto& [key, value] : conf)
    spec.argv.insert(spec.argv.end(), {"--conf", key + "=" + value});
  spec.argv.push_back(app.main_file);
  spec.argv.insert(spec.argv.end(), app.arguments.begin(), app.arguments.end());
  if (!run.java_home.empty()) spec.env["JAVA_HOME"] = run.java_home.string();
  spec.env["SPARK_HOME"] = run.spark_home.string();
  if (app.language() == AppLanguage::python) {
    const auto python = python_for_spark(run.spark_home).string();
    spec.env["PYSPARK_PYTHON"] = python;
    spec.env["PYSPARK_DRIVER_PYTHON"] = python;
    if (!app.python_deps_dir.empty()) spec.env["PYTHONPATH"] = python_path(app, run.work_dir);
  }
  spec.unset_env = {"SPARK_REMOTE", "SPARK_CONNECT_MODE_ENABLED"};
  return spec;
}

// Passes the child's stderr on to ours, keeping its last lines.
std::vector<std::string> relay_stderr(int fd) {
  std::deque<std::string> lines;
  std::string partial;
  char buffer[8192];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    ssize_t written = 0;
    while (written < n) {
      const ssize_t w = ::write(STDERR_FILENO, buffer + written, static_cast<size_t>(n - written));
      if (w <= 0) break;
      written += w;
    }
    partial.append(buffer, static_cast<size_t>(n));
    for (auto newline = partial.find('\n'); newline != std::string::npos;
         newline = partial.find('\n')) {
      lines.push_back(partial.substr(0, newline));
      partial.erase(0, newline + 1);
      if (lines.size() > kept_stderr_lines) lines.pop_front();
    }
  }
  if (!partial.empty()) lines.push_back(partial);
  return {lines.begin(), lines.end()};
}

int exit_status_of(int wait_status) {
  if (WIFEXITED(wait_status)) return WEXITSTATUS(wait_status);
  if (WIFSIGNALED(wait_status)) return 128 + WTERMSIG(wait_status);
  return 1;
}

}  // namespace

Error application_failed(const std::string& name, const ApplicationOutcome& outcome) {
  if (outcome.failure.needs_classic_api) return Error::job(name + " failed: " + classic_api_hint);
  return Error::job(name + " failed (exit status " + std::to_string(outcome.exit_status) + ")" +
                    (outcome.failure.cause.empty() ? "" : ": " + outcome.failure.cause));
}

std::string remote_for_pyspark(const std::string& remote) {
  const std::string loopback = "sc://127.0.0.1:";
  if (strings::starts_with(remote, loopback))
    return "sc://localhost:" + remote.substr(loopback.size());
  return remote;
}

ApplicationOutcome run_application(const UserApplication& app, const ApplicationRun& run) {
  ProcessSpec spec = app.runs_classic() ? spark_submit(app, run) : connect_script(app, run);
  spec.env["PYTHONUNBUFFERED"] = "1";  // the script's output and Spark's log stay in order
  spec.working_dir = run.work_dir.string();
  for (const auto& [key, value] : run.env) spec.env[key] = value;
  spec.group = ProcessGroup::own_tied_to_parent;

  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) throw Error::cluster("cannot create a pipe");
  spec.stderr_fd = pipe_fds[1];
  pid_t pid = -1;
  try {
    pid = spawn_process(spec);
  } catch (...) {
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
    throw;
  }
  ::close(pipe_fds[1]);
  spdlog::debug("{} started (pid {})", app.main_file, pid);
  InterruptScope stop_on_interrupt(Interrupts::Phase::cleanup,
                                   [pid] { stop_process_group(pid, pid, stop_grace); });

  const auto lines = relay_stderr(pipe_fds[0]);
  ::close(pipe_fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (group_alive(pid)) ::kill(-pid, SIGKILL);  // nothing it started outlives it

  ApplicationOutcome outcome;
  outcome.exit_status = exit_status_of(status);
  if (outcome.exit_status != 0) outcome.failure = read_application_failure(lines);
  return outcome;
}

}  // namespace sparkctl::runtime
