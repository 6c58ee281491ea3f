#include "sparkctl/runtime/local_server.hpp"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <deque>
#include <fstream>
#include <regex>
#include <thread>

#include "class_archive.hpp"
#include "sparkctl/core/duration.hpp"
#include "sparkctl/core/error.hpp"
#include "sparkctl/core/secret_token.hpp"
#include "sparkctl/core/strings.hpp"
#include "sparkctl/runtime/port.hpp"
#include "sparkctl/runtime/spark_home.hpp"
#include "startup_progress.hpp"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace sparkctl::runtime {
namespace {

constexpr const char* server_class = "org.apache.spark.sql.connect.service.SparkConnectServer";
constexpr std::size_t logs_kept = 10;
constexpr std::size_t log_lines_shown = 20;
constexpr std::chrono::seconds archive_write_grace{60};
// The variable Spark's Connect server reads its pre-shared token from.
constexpr const char* connect_token_env = "SPARK_CONNECT_AUTHENTICATE_TOKEN";

// Older logs of servers that `run` started go, the newest few stay for
// looking into a failed job.
void prune_logs(const fs::path& dir) {
  std::error_code ec;
  std::vector<fs::directory_entry> logs;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.path().filename().string().rfind("local-server-", 0) == 0) logs.push_back(entry);
  if (logs.size() < logs_kept) return;
  std::sort(logs.begin(), logs.end(), [](const auto& a, const auto& b) {
    std::error_code e;
    return a.last_write_time(e) > b.last_write_time(e);
  });
  for (std::size_t i = logs_kept - 1; i < logs.size(); ++i) fs::remove(logs[i].path(), ec);
}

fs::path new_log_path() {
  auto dir = state_dir() / "logs";
  std::error_code ec;
  fs::create_directories(dir, ec);
  ::chmod(dir.c_str(), 0700);
  prune_logs(dir);
  char stamp[32];
  const std::time_t now = std::time(nullptr);
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", std::localtime(&now));
  return dir / ("local-server-" + std::string(stamp) + "-" + std::to_string(getpid()) + ".log");
}

// An empty log file only its owner can read (a warm server's log is reused).
void create_private_log(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0 || ::fchmod(fd, 0600) != 0) {
    const int err = errno;
    if (fd >= 0) ::close(fd);
    throw Error::cluster("cannot create the server's log " + path.string() + ": " +
                         std::strerror(err));
  }
  ::close(fd);
}

// local, local[N], local[*], local[N,F]: the driver runs the executors in
// its own JVM, and Spark makes the authentication secret itself.
bool local_mode(const std::string& master) {
  static const std::regex pattern(R"(local(\[(\d+|\*)(,\d+)?\])?)");
  return std::regex_match(master, pattern);
}

// Settings that keep other users out; spark.conf may still override them.
std::map<std::string, std::string> owner_only_defaults(const ServerOptions& options) {
  std::map<std::string, std::string> conf = {
      {"spark.ui.enabled", options.web_ui ? "true" : "false"}, {"spark.ui.killEnabled", "false"}};
  if (local_mode(options.master)) conf["spark.authenticate"] = "true";
  return conf;
}

}  // namespace

std::vector<std::string> spark_submit_command(const ServerOptions& options, int port) {
  std::vector<std::string> argv = {(options.spark_home / "bin" / "spark-submit").string(),
                                   "--class",
                                   server_class,
                                   "--name",
                                   "sparkctl-connect-server",
                                   "--master",
                                   options.master};
  if (!options.extra_jars.empty()) {
    argv.push_back("--jars");
    argv.push_back(strings::join(options.extra_jars, ","));
  }
  std::map<std::string, std::string> conf = owner_only_defaults(options);
  for (const auto& [key, value] : options.conf) conf[key] = value;
  if (!options.java_options.empty()) {
    std::string& java = conf["spark.driver.extraJavaOptions"];
    java += (java.empty() ? "" : " ") + options.java_options;
  }
  for (const auto& [key, value] : conf) {
    argv.push_back("--conf");
    argv.push_back(key + "=" + value);
  }
  // Last, so they win over spark.conf: the server is for this machine only.
  for (const auto& setting : std::vector<std::string>{
           "spark.connect.grpc.binding.address=127.0.0.1",
           "spark.connect.grpc.binding.port=" + std::to_string(port), "spark.driver.host=127.0.0.1",
           "spark.driver.bindAddress=127.0.0.1"}) {
    argv.push_back("--conf");
    argv.push_back(setting);
  }
  argv.push_back("spark-internal");  // no application jar: the class is on Spark's classpath
  return argv;
}

fs::path server_scratch_dir(int port) { return state_dir() / "scratch" / std::to_string(port); }

void LocalServer::prepare_scratch() {
  scratch_ = server_scratch_dir(port_);
  std::error_code ec;
  fs::remove_all(scratch_, ec);  // a killed server's, whose port this one got
  fs::create_directories(scratch_, ec);
  ::chmod(scratch_.parent_path().c_str(), 0700);
  if (ec || ::chmod(scratch_.c_str(), 0700) != 0) {
    spdlog::debug("cannot make {}: Spark keeps its scratch files in /tmp", scratch_.string());
    scratch_.clear();
    return;
  }
  // spark.conf may still name other local dirs (a larger disk).
  options_.conf.try_emplace("spark.local.dir", scratch_.string());
  // Hadoop's own scratch (the s3a connector's upload buffers) goes under
  // hadoop.tmp.dir, /tmp/hadoop-<user> unless told.
  options_.conf.try_emplace("spark.hadoop.hadoop.tmp.dir", scratch_.string() + "/hadoop");
  // The JVM splits its options at blanks: a folder with one stays /tmp.
  if (scratch_.string().find_first_of(" \t'\"") == std::string::npos) {
    options_.java_options +=
        (options_.java_options.empty() ? "" : " ") + ("-Djava.io.tmpdir=" + scratch_.string());
  }
}

std::string last_lines(const fs::path& path, std::size_t count) {
  std::ifstream in(path);
  std::deque<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    lines.push_back(std::move(line));
    if (lines.size() > count) lines.pop_front();
  }
  std::string result;
  for (const auto& line : lines) result += line + "\n";
  return result;
}

LocalServer::LocalServer(ServerOptions options) : options_(std::move(options)) {}

LocalServer::~LocalServer() { stop(); }

std::string LocalServer::address() const { return "sc://127.0.0.1:" + std::to_string(port_); }

std::string LocalServer::remote() const { return with_connect_token(address(), token_); }

void LocalServer::start() {
  if (options_.port != 0 && !port_free(options_.port))
    throw Error::usage("port " + std::to_string(options_.port) +
                       " on 127.0.0.1 is in use (spark.connect_port); choose another or 0 for any "
                       "free port");
  port_ = options_.port != 0 ? options_.port : pick_free_port();
  log_path_ = options_.log_path.empty() ? new_log_path() : options_.log_path;
  create_private_log(log_path_);  // one start per log file

  SpawnOptions spawn;
  if (!options_.command.empty()) {
    spawn.argv = options_.command;
    spawn.env = options_.env;
  } else {
    if (options_.class_archive) {
      // Only a server this process stops can move a recorded archive into place.
      archive_ = std::make_shared<ClassArchive>(
          class_archive_for(options_.java_home, options_.spark_home, options_.extra_jars,
                            options_.lifetime != Lifetime::detached));
      if (!archive_->java_options().empty()) {
        options_.java_options +=
            (options_.java_options.empty() ? "" : " ") + archive_->java_options();
      }
    }
    prepare_scratch();
    spawn.argv = spark_submit_command(options_, port_);
    token_ = random_secret_token();
    spawn.env = {{"SPARK_HOME", options_.spark_home.string()},
                 {"JAVA_HOME", options_.java_home.string()},
                 // The web UI and block manager bind here instead of every interface.
                 {"SPARK_LOCAL_IP", "127.0.0.1"},
                 // Only the owner can read a process's environment (/proc/PID/environ).
                 {connect_token_env, token_}};
    // Python UDFs run in workers of the Python that carries this Spark
    // (pyarrow, pandas), not whichever python3 is first on PATH.
    if (std::getenv("PYSPARK_PYTHON") == nullptr)
      spawn.env["PYSPARK_PYTHON"] = python_for_spark(options_.spark_home).string();
    spawn.owner_only_files = true;
  }
  spawn.log_path = log_path_.string();
  spawn.lifetime = options_.lifetime;
  spdlog::debug("starting: {}", strings::join(spawn.argv, " "));
  spdlog::debug("server log: {}", log_path_.string());

  started_at_ = std::time(nullptr);
  const auto begin = Clock::now();
  {
    std::lock_guard lock(mutex_);
    if (stopping_) throw Error::interrupted("interrupted");
    process_ = ChildProcess::spawn(spawn);
  }
  wait_until_ready();
  startup_time_ = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - begin);
  const char* archive = !archive_                                 ? ""
                        : archive_->use == ClassArchive::Use::use ? " (class-data archive used)"
                        : archive_->use == ClassArchive::Use::record
                            ? " (recording a class-data archive for the next start)"
                            : "";
  spdlog::info("{} ready at {} in {:.1f}s{}", options_.description, address(),
               startup_time_.count() / 1000.0, archive);
}

void LocalServer::wait_until_ready() {
  StartupProgress progress(
      "starting " + options_.description + " on 127.0.0.1:" + std::to_string(port_),
      options_.show_progress);
  const auto deadline = Clock::now() + options_.startup_timeout;
  while (true) {
    progress.tick();
    if (!running()) {
      progress.finish();
      if (stopping_) throw Error::interrupted("interrupted");
      fail("exited (" + describe_wait_status(process_.wait_status().value_or(0)) +
           ") before accepting connections");
    }
    if (port_accepts(port_, std::chrono::milliseconds(100))) return;
    if (Clock::now() >= deadline) {
      progress.finish();
      stop(std::chrono::seconds(2));
      fail("did not accept connections within " + format_duration(options_.startup_timeout) +
           " (spark.startup_timeout)");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

void LocalServer::fail(const std::string& what) {
  auto tail = last_lines(log_path_, log_lines_shown);
  if (!tail.empty()) {
    std::fprintf(stderr, "--- last lines of %s ---\n%s---\n", log_path_.c_str(), tail.c_str());
    std::fflush(stderr);
  }
  throw Error::cluster(options_.description + " " + what + "; log: " + log_path_.string());
}

bool LocalServer::running() {
  std::lock_guard lock(mutex_);
  return process_.running();
}

void LocalServer::stop(std::chrono::milliseconds grace) {
  stopping_ = true;
  std::lock_guard lock(mutex_);
  if (!process_.valid()) {
    remove_scratch();  // the start failed before the JVM ran
    return;
  }
  spdlog::debug("stopping local Spark Connect server (pid {})", process_.pid());
  // Recording a class-data archive, the JVM writes ~100 MB as it exits: let it.
  const bool recording = archive_ && archive_->use == ClassArchive::Use::record;
  process_.stop(recording ? std::max(grace, std::chrono::milliseconds(archive_write_grace))
                          : grace);
  if (archive_) {
    // The JVM writes a recorded archive as it exits; a killed one left it half-written.
    const auto status = process_.wait_status();
    finish_class_archive(*archive_,
                         status && !(WIFSIGNALED(*status) && WTERMSIG(*status) == SIGKILL));
    archive_.reset();
  }
  remove_scratch();
}

void LocalServer::remove_scratch() {
  if (scratch_.empty()) return;
  std::error_code ec;
  fs::remove_all(scratch_, ec);
  scratch_.clear();
}

ServerState LocalServer::release() {
  std::lock_guard lock(mutex_);
  ServerState state;
  state.pid = process_.pid();
  state.pgid = process_.pgid();
  state.port = port_;
  state.started_at = started_at_;
  state.proc_start_ticks = process_start_ticks(state.pid);
  state.spark_home = options_.spark_home.string();
  state.log_path = log_path_.string();
  state.master = options_.master;
  state.jars = options_.extra_jars;
  state.token = token_;
  process_.release();
  scratch_.clear();  // the server's now: `server stop` removes it
  return state;
}

}  // namespace sparkctl::runtime
