// The arguments come from Spark (DriverCommandFeatureStep: `driver
// --properties-file /opt/spark/conf/spark.properties --class C RESOURCE
// ARGS`), but users may add spark-submit options of their own, so they are
// split the way spark-submit splits them: options with a value, switches,
// then the first other word is the primary resource.
#include "sparkctl/runtime/driver_entrypoint.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <set>

#include "sparkctl/core/driver_classes.hpp"
#include "sparkctl/core/strings.hpp"
#include "sparkctl/runtime/port.hpp"
#include "sparkctl/runtime/spark_roles.hpp"

namespace fs = std::filesystem;

namespace sparkctl::runtime {
namespace {

constexpr int default_connect_port = 15002;  // Spark's own default
constexpr int default_ui_port = 4040;
constexpr std::size_t log_lines_shown = 30;

// spark-submit's options that take a value (SparkSubmitOptionParser).
const std::set<std::string>& options_with_value() {
  static const std::set<std::string> options = {"--archives",
                                                "--class",
                                                "--conf",
                                                "-c",
                                                "--deploy-mode",
                                                "--driver-class-path",
                                                "--driver-cores",
                                                "--driver-java-options",
                                                "--driver-library-path",
                                                "--driver-memory",
                                                "--exclude-packages",
                                                "--executor-cores",
                                                "--executor-memory",
                                                "--files",
                                                "--jars",
                                                "--keytab",
                                                "--kill",
                                                "--master",
                                                "--name",
                                                "--num-executors",
                                                "--packages",
                                                "--principal",
                                                "--properties-file",
                                                "--proxy-user",
                                                "--py-files",
                                                "--queue",
                                                "--remote",
                                                "--repositories",
                                                "--status",
                                                "--total-executor-cores"};
  return options;
}

const std::set<std::string>& switches() {
  static const std::set<std::string> options = {
      "--help",    "-h", "--supervise", "--usage-error",
      "--verbose", "-v", "--version",   "--load-spark-defaults"};
  return options;
}

void add_conf(std::map<std::string, std::string>& properties, const std::string& setting) {
  const auto eq = setting.find('=');
  if (eq == std::string::npos || eq == 0)
    throw Error::usage("--conf " + setting + ": expected key=value");
  properties[setting.substr(0, eq)] = setting.substr(eq + 1);
}

// One logical line of a properties file: escapes resolved, split into key
// and value at the first unescaped '=', ':' or blank.
std::pair<std::string, std::string> parse_property(const std::string& line) {
  std::string key, value;
  std::string* target = &key;
  bool separated = false, skipping_separator = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (skipping_separator) {
      if (c == ' ' || c == '\t' || c == '\f') continue;
      skipping_separator = false;
      if ((c == '=' || c == ':') && !separated) {
        separated = true;
        skipping_separator = true;  // blanks after "key =" too
        continue;
      }
    }
    if (c == '\\' && i + 1 < line.size()) {
      c = line[++i];
      if (c == 't')
        c = '\t';
      else if (c == 'n')
        c = '\n';
      else if (c == 'r')
        c = '\r';
      else if (c == 'f')
        c = '\f';
      else if (c == 'u' && i + 4 < line.size() &&
               line.substr(i + 1, 4).find_first_not_of("0123456789abcdefABCDEF") ==
                   std::string::npos) {
        const unsigned long code = std::stoul(line.substr(i + 1, 4), nullptr, 16);
        i += 4;
        if (code < 0x80) {
          *target += static_cast<char>(code);
        } else {  // UTF-8; properties files rarely need more than the BMP
          if (code < 0x800) {
            *target += static_cast<char>(0xC0 | (code >> 6));
          } else {
            *target += static_cast<char>(0xE0 | (code >> 12));
            *target += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
          }
          *target += static_cast<char>(0x80 | (code & 0x3F));
        }
        continue;
      }
      *target += c;
      continue;
    }
    if (target == &key && (c == '=' || c == ':' || c == ' ' || c == '\t' || c == '\f')) {
      target = &value;
      separated = c == '=' || c == ':';
      skipping_separator = true;
      continue;
    }
    *target += c;
  }
  return {key, value};
}

bool ends_in_continuation(const std::string& line) {
  std::size_t backslashes = 0;
  for (auto it = line.rbegin(); it != line.rend() && *it == '\\'; ++it) ++backslashes;
  return backslashes % 2 == 1;
}

fs::path default_log_path() {
  return fs::temp_directory_path() / ("sparkctl-driver-" + std::to_string(getpid()) + ".log");
}

// The configured port, else `preferred` if free, else any free port. A
// configured 0 ("any") is chosen here too: sparkctl must know the port.
int choose_port(const DriverCommand& command, const std::string& key, int preferred) {
  const std::string configured = command.property(key);
  if (!configured.empty()) {
    int port = -1;
    try {
      std::size_t used = 0;
      port = std::stoi(configured, &used);
      if (used != configured.size()) port = -1;
    } catch (const std::exception&) {
    }
    if (port < 0 || port > 65535)
      throw Error::usage(key + "=" + configured + " is not a port number");
    if (port != 0) return port;
  }
  return port_free(preferred) ? preferred : pick_free_port();
}

}  // namespace

std::string DriverCommand::property(const std::string& key, const std::string& fallback) const {
  const auto it = properties.find(key);
  return it == properties.end() ? fallback : it->second;
}

std::map<std::string, std::string> read_properties_file(const fs::path& path) {
  std::ifstream in(path);
  if (!in)
    throw Error::usage("cannot read the properties file " + path.string() + ": " +
                       std::strerror(errno));
  std::map<std::string, std::string> properties;
  std::string logical;
  for (std::string raw; std::getline(in, raw);) {
    if (!raw.empty() && raw.back() == '\r') raw.pop_back();
    // Leading blanks never count, also on continuation lines.
    const auto start = raw.find_first_not_of(" \t\f");
    const std::string line = start == std::string::npos ? "" : raw.substr(start);
    if (logical.empty() && (line.empty() || line[0] == '#' || line[0] == '!')) continue;
    if (ends_in_continuation(line)) {
      logical += line.substr(0, line.size() - 1);
      continue;
    }
    logical += line;
    auto [key, value] = parse_property(logical);
    logical.clear();
    if (!key.empty()) properties[key] = value;
  }
  if (!logical.empty()) {
    auto [key, value] = parse_property(logical);
    if (!key.empty()) properties[key] = value;
  }
  return properties;
}

DriverCommand parse_driver_command(const std::vector<std::string>& args) {
  DriverCommand command;
  std::map<std::string, std::string> confs;
  std::size_t i = 0;
  for (; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg.empty() || arg[0] != '-') break;  // the primary resource
    std::string name = arg, value;
    bool has_value = false;
    if (const auto eq = arg.find('='); eq != std::string::npos && arg.rfind("--", 0) == 0) {
      name = arg.substr(0, eq);
      value = arg.substr(eq + 1);
      has_value = true;
    }
    if (switches().count(name)) {
      command.submit_options.push_back(arg);
      continue;
    }
    if (!options_with_value().count(name))
      throw Error::usage("driver: unknown spark-submit option " + name);
    if (name == "--class") {
      // The SparkApplication names a stand-in class (see driver_main_class):
      // the driver is always the Spark Connect server.
      command.submit_options.push_back("--class");
      command.submit_options.push_back(connect_main_class);
      if (!has_value) ++i;
      continue;
    }
    command.submit_options.push_back(arg);
    if (!has_value) {
      if (i + 1 >= args.size()) throw Error::usage("driver: " + name + " needs a value");
      value = args[++i];
      command.submit_options.push_back(value);
    }
    if (name == "--properties-file")
      command.properties = read_properties_file(value);
    else if (name == "--conf" || name == "-c")
      add_conf(confs, value);
    else if (name == "--master")
      confs["spark.master"] = value;
    else if (name == "--name")
      confs["spark.app.name"] = value;
  }
  if (i >= args.size())
    throw Error::usage(
        "driver: no primary resource (expected `driver [spark-submit options] "
        "RESOURCE [application arguments]`)");
  command.primary_resource = args[i];
  command.app_args.assign(args.begin() + static_cast<long>(i) + 1, args.end());
  for (auto& [key, value] : confs) command.properties[key] = value;
  return command;
}

DriverLaunch driver_launch(const DriverServerOptions& options) {
  const DriverCommand& command = options.command;
  DriverLaunch launch;
  launch.port = choose_port(command, "spark.connect.grpc.binding.port", default_connect_port);
  if (command.property("spark.ui.enabled", "true") != "false")
    launch.ui_port = choose_port(command, "spark.ui.port", default_ui_port);

  std::vector<std::string> args = command.submit_options;
  // The ports chosen above (the configured ones if set); the binding
  // address only if the SparkApplication leaves it open.
  args.insert(args.end(),
              {"--conf", "spark.connect.grpc.binding.port=" + std::to_string(launch.port)});
  if (command.property("spark.connect.grpc.binding.address").empty())
    args.insert(args.end(), {"--conf", "spark.connect.grpc.binding.address=127.0.0.1"});
  if (launch.ui_port != 0)
    args.insert(args.end(), {"--conf", "spark.ui.port=" + std::to_string(launch.ui_port)});
  // The application arguments are sparkctl's; the Connect server has none.
  args.push_back(command.primary_resource);
  // What Spark's image entrypoint ran for a driver, with the Spark and
  // Java the configuration names.
  launch.argv = driver_command(options.spark_home, current_environment(), args);
  launch.env = {{"SPARK_HOME", options.spark_home.string()},
                {"JAVA_HOME", options.java_home.string()}};
  return launch;
}

namespace {

ServerOptions server_options_for(const DriverServerOptions& options, const DriverLaunch& launch,
                                 const fs::path& log_path) {
  ServerOptions server;
  server.command = launch.argv;
  server.env = launch.env;
  server.port = launch.port;
  server.startup_timeout = options.startup_timeout;
  server.log_path = log_path;
  server.description = "Spark Connect server (driver)";
  server.show_progress = false;  // the followed log shows progress
  return server;
}

}  // namespace

DriverServer::DriverServer(DriverServerOptions options)
    : options_(std::move(options)),
      log_path_(options_.log_path.empty() ? default_log_path() : options_.log_path),
      server_([this] {
        const auto launch = driver_launch(options_);
        port_ = launch.port;
        ui_port_ = launch.ui_port;
        argv_ = launch.argv;
        return server_options_for(options_, launch, log_path_);
      }()) {
  app_name_ = options_.command.property("spark.app.name");
}

DriverServer::~DriverServer() { stop(); }

void DriverServer::start() {
  spdlog::info("starting the Spark Connect server as the driver: {}", strings::join(argv_, " "));
  if (options_.follow_log) {
    std::ofstream(log_path_, std::ios::trunc).flush();  // the follower starts at its beginning
    following_ = true;
    follower_ = std::thread([this] { follow_log(); });
  }
  server_.start();
}

void DriverServer::stop(std::chrono::milliseconds grace) {
  server_.stop(grace);
  if (following_.exchange(false) && follower_.joinable()) follower_.join();
}

Error DriverServer::died() const {
  const auto tail = last_lines(log_path_, log_lines_shown);
  if (!tail.empty()) {
    std::fprintf(stderr, "--- last lines of %s ---\n%s---\n", server_.log_path().c_str(),
                 tail.c_str());
    std::fflush(stderr);
  }
  return Error::cluster("the Spark Connect server (driver) died; log: " + log_path_.string());
}

// The pod log is the container's stdout/stderr: the server's log goes
// there too, copied from its file so the last lines stay at hand.
void DriverServer::follow_log() {
  std::ifstream in;
  std::streamoff offset = 0;
  char buffer[8192];
  auto drain = [&] {
    if (!in.is_open()) in.open(log_path_, std::ios::binary);
    if (!in.is_open()) return;
    in.clear();
    in.seekg(offset);
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
      std::fwrite(buffer, 1, static_cast<std::size_t>(in.gcount()), stderr);
      offset += in.gcount();
    }
    std::fflush(stderr);
  };
  while (following_) {
    drain();
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  drain();
}

}  // namespace sparkctl::runtime
