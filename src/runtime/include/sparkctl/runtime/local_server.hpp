// A local Spark Connect server: `spark-submit --class SparkConnectServer`
// on 127.0.0.1, started and waited for by sparkctl. By default it dies
// with its owner (and with sparkctl, even on kill -9); `sparkctl server
// start` makes a detached one that outlives sparkctl (see server_state.hpp).
//
// Every user of the machine reaches 127.0.0.1, and Spark SQL reads and
// writes files as the server's owner, so the server admits its owner only:
// it demands a random token (handed to the JVM in its environment, never on
// a command line), its driver's RPC and block-manager ports demand Spark's
// own authentication (spark.authenticate; in local mode the JVM makes the
// secret itself), the web UI is off unless asked for (it cannot tell users
// apart) and then has no kill buttons, and the files it writes (its log
// included) are owner-only (umask 077).
#pragma once

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "sparkctl/runtime/child_process.hpp"
#include "sparkctl/runtime/server_state.hpp"

namespace sparkctl::runtime {

struct ClassArchive;

struct ServerOptions {
  std::filesystem::path spark_home;
  std::filesystem::path java_home;
  std::string master = "local[*]";
  std::map<std::string, std::string> conf;  // spark.* -> value, each a --conf
  int port = 0;                             // 0 = a free port
  std::chrono::seconds startup_timeout{120};
  std::vector<std::string> extra_jars;  // --jars
  std::filesystem::path log_path;       // "" = a new file under state_dir()/logs
  Lifetime lifetime = Lifetime::tied_to_parent;
  bool show_progress = true;  // spinner (TTY) or log lines on stderr while waiting
  // Class-data sharing (class_archive.hpp): use the archive for this JDK and
  // class path, or record one when this server stops. Off: plain starts.
  bool class_archive = true;
  std::string java_options;  // added to spark.driver.extraJavaOptions
  // Spark's web UI on 127.0.0.1:4040 (or the next free port). Any local
  // user can read it, so it is off unless asked for, and its kill buttons
  // stay off unless spark.conf turns them on.
  bool web_ui = false;
  // The driver pod (driver_entrypoint.hpp): when `command` is set it runs
  // instead of spark_submit_command(), with `env` instead of the local
  // environment (SPARK_HOME, JAVA_HOME, SPARK_LOCAL_IP=127.0.0.1); `port`
  // is then the port that command makes the server listen on.
  std::vector<std::string> command;
  std::map<std::string, std::string> env;
  std::string description = "local Spark Connect server";  // in messages
};

// The spark-submit command line for `options` on `port` (argv[0] is
// <spark_home>/bin/spark-submit). It holds no secret: it shows in `ps`.
std::vector<std::string> spark_submit_command(const ServerOptions& options, int port);

class LocalServer {
 public:
  explicit LocalServer(ServerOptions options);
  ~LocalServer();  // stop()
  LocalServer(const LocalServer&) = delete;
  LocalServer& operator=(const LocalServer&) = delete;

  // Starts the server and waits until its port accepts connections.
  // Throws Error::cluster if it exits first (after printing the last lines
  // of its log) or startup_timeout passes; Error::usage if the configured
  // port is taken.
  void start();

  std::string address() const;  // sc://127.0.0.1:PORT, for people and messages
  // What a client connects with: the address and the token (never print it).
  std::string remote() const;
  int port() const { return port_; }
  pid_t pid() const { return process_.pid(); }
  const std::filesystem::path& log_path() const { return log_path_; }
  std::chrono::milliseconds startup_time() const { return startup_time_; }
  bool running();

  // Safe to call from another thread (the interrupt handler) while start()
  // waits: start() then throws Error::interrupted.
  void stop(std::chrono::milliseconds grace = std::chrono::seconds(10));
  // Leaves the (detached) server running and returns its state record.
  ServerState release();

 private:
  void wait_until_ready();
  // Makes scratch_ and points spark.local.dir and java.io.tmpdir at it.
  void prepare_scratch();
  void remove_scratch();
  [[noreturn]] void fail(const std::string& what);

  ServerOptions options_;
  std::shared_ptr<ClassArchive> archive_;  // this start's class-data archive
  std::mutex mutex_;  // guards process_ against stop() from the interrupt thread
  std::atomic<bool> stopping_{false};
  ChildProcess process_;
  int port_ = 0;
  std::string token_;  // the Spark Connect token; "" for a driver pod's own command
  std::filesystem::path log_path_;
  std::filesystem::path scratch_;  // server_scratch_dir(port_); "" for a driver pod's command
  std::int64_t started_at_ = 0;
  std::chrono::milliseconds startup_time_{0};
};

// Where the server sparkctl starts on `port` keeps Spark's scratch files
// (spark.local.dir: block manager, shuffle and spill files; the JVM's
// java.io.tmpdir): state_dir()/scratch/PORT, owner-only. Removed when the
// server stops, a warm one's by `server stop`, so that a killed JVM leaves
// nothing behind in /tmp.
std::filesystem::path server_scratch_dir(int port);

// The last `count` lines of a text file ("" if unreadable).
std::string last_lines(const std::filesystem::path& path, std::size_t count);

}  // namespace sparkctl::runtime
