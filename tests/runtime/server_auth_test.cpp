// Local servers admit only the user who started them. Another user (the
// test drops to the unprivileged `nobody`), with a plain pyspark client or
// with sparkctl, is refused by a warm and by a per-run server and cannot
// use the UI's kill endpoints; the owner's run, shell and `server status`
// work, and so does pyspark with the URL `server status -o url` prints.
// The token shows in no command line (the JVM's included), log or output.
#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <regex>
#include <sstream>

#include "command_runner.hpp"
#include "sparkctl/runtime/port.hpp"
#include "sparkctl/runtime/server_state.hpp"
#include "test_support.hpp"

namespace sparkctl::runtime::test {
namespace {

using sparkctl::testing::CommandOptions;
using sparkctl::testing::CommandResult;
using sparkctl::testing::run_command;
using sparkctl::testing::run_sparkctl;

constexpr const char* kOtherUser = "nobody";

// Connects, reads a file only the server's owner may read, prints
// "OK <lines>" or "ERR <what the server said>".
constexpr const char* kPysparkProbe = R"(import sys
from pyspark.sql import SparkSession
try:
    spark = SparkSession.builder.remote(sys.argv[1]).getOrCreate()
    print("OK", spark.read.text(sys.argv[2]).count())
except Exception as error:
    print("ERR", " ".join(str(error).split()))
)";

// Sends one unauthenticated request in Spark's own RPC framing (frame
// length, type 3 = RpcRequest, request id, body length, body) and prints
// the RpcFailure's first line. A port behind spark.authenticate answers
// "Expected SaslMessage, ..."; one without it tries to handle the request.
constexpr const char* kSparkRpcProbe = R"(import socket, struct, sys
sock = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=120)
body = b"who goes there?"
sock.sendall(struct.pack(">qbqi", 8 + 1 + 12 + len(body), 3, 42, len(body)) + body)
data = b""
while len(data) < 8 or len(data) < struct.unpack(">q", data[:8])[0]:
    chunk = sock.recv(65536)
    if not chunk:
        break
    data += chunk
if len(data) > 21 and data[8] == 5:
    size = struct.unpack(">i", data[17:21])[0]
    print(data[21:21 + size].decode("utf-8", "replace").splitlines()[0])
else:
    print("no failure message:", data[:64])
)";

class ServerAuthTest : public ::testing::Test {
 public:  // for the scope guards inside the tests
  void SetUp() override {
    if (geteuid() != 0) GTEST_SKIP() << "needs root to run a client as another user";
    const passwd* other = getpwnam(kOtherUser);
    if (!other) GTEST_SKIP() << "no user " << kOtherUser;
    other_uid = other->pw_uid;
    other_gid = other->pw_gid;
    ::chmod(other_dir.path().c_str(), 0700);
    ASSERT_EQ(::chown(other_dir.path().c_str(), other_uid, other_gid), 0);
    probe = other_dir.path() / "probe.py";
    std::ofstream(probe) << kPysparkProbe;
    ::chmod(probe.c_str(), 0644);
    rpc_probe = other_dir.path() / "rpc_probe.py";
    std::ofstream(rpc_probe) << kSparkRpcProbe;
    ::chmod(rpc_probe.c_str(), 0644);
    // The venv's interpreter may live where the other user cannot go (a
    // pyenv under /root/); Debian's python3 of the same version then runs
    // the venv's packages.
    other_python = {SPARKCTL_TEST_PYTHON};
    if (as_other_user({SPARKCTL_TEST_PYTHON, "-c", "pass"}).exit_code != 0) {
      std::string packages =
          run_command({SPARKCTL_TEST_PYTHON, "-c",
                       "import sysconfig; print(sysconfig.get_paths()['purelib'])"})
              .out;
      packages.erase(packages.find_last_not_of('\n') + 1);
      other_python = {"env", "PYTHONPATH=" + packages, "/usr/bin/python3"};
    }
    secret = dir.path() / "secret.txt";
    std::ofstream(secret) << "only the owner may read this\n";
    ::chmod(secret.c_str(), 0600);
  }

  // As the owner, with the test's state folder.
  CommandResult owner(const std::vector<std::string>& args) {
    CommandOptions options;
    options.env = {{"SPARKCTL_STATE_DIR", dir.path().string()}};
    options.unset_env = {"SPARKCTL_REMOTE", "SPARKCTL_SPARK_REMOTE", "SPARK_REMOTE",
                         "SPARK_CONNECT_AUTHENTICATE_TOKEN"};
    auto result = run_sparkctl(args, options);
    outputs += result.out + result.err;
    return result;
  }

  // `argv` as the other user, with a home and state folder of its own.
  CommandResult as_other_user(const std::vector<std::string>& argv) {
    std::vector<std::string> command = {"setpriv",
                                        "--reuid=" + std::to_string(other_uid),
                                        "--regid=" + std::to_string(other_gid),
                                        "--clear-groups",
                                        "env",
                                        "HOME=" + other_dir.path().string(),
                                        "SPARKCTL_STATE_DIR=" + other_dir.path().string()};
    command.insert(command.end(), argv.begin(), argv.end());
    CommandOptions options;
    options.unset_env = {"SPARKCTL_REMOTE", "SPARKCTL_SPARK_REMOTE", "SPARK_REMOTE",
                         "SPARK_CONNECT_AUTHENTICATE_TOKEN", "SPARKCTL_STATE_DIR"};
    return run_command(command, options);
  }

  std::string pyspark(const std::string& url, const std::map<std::string, std::string>& env = {}) {
    CommandOptions options;
    options.env = env;
    options.unset_env = {"SPARK_REMOTE", "SPARK_CONNECT_AUTHENTICATE_TOKEN"};
    return run_command({SPARKCTL_TEST_PYTHON, probe.string(), url, secret.string()}, options).out;
  }

  // The other user's python running `args`.
  CommandResult python_as_other_user(const std::vector<std::string>& args) {
    std::vector<std::string> argv = other_python;
    argv.insert(argv.end(), args.begin(), args.end());
    return as_other_user(argv);
  }

  std::string pyspark_as_other_user(const std::string& url) {
    const auto result = python_as_other_user({probe.string(), url, secret.string()});
    return result.out + result.err;
  }

  // What another user gets from the server at `port` without its token.
  void expect_other_user_refused(int port, const std::string& token) {
    const std::string address = "sc://127.0.0.1:" + std::to_string(port);
    const std::string local = "sc://localhost:" + std::to_string(port);
    EXPECT_NE(pyspark_as_other_user(local).find("ERR"), std::string::npos);
    EXPECT_NE(pyspark_as_other_user(local).find("No authentication token provided"),
              std::string::npos);
    std::string wrong = token;
    wrong[0] = wrong[0] == 'a' ? 'b' : 'a';
    EXPECT_NE(
        pyspark_as_other_user(local + "/;token=" + wrong).find("Invalid authentication token"),
        std::string::npos);

    auto shell = as_other_user({SPARKCTL_BINARY, "shell", "--remote", address, "-e",
                                "SELECT count(*) FROM text.`" + secret.string() + "`"});
    EXPECT_EQ(shell.exit_code, 3) << shell.out << shell.err;
    EXPECT_EQ(shell.out, "");
    EXPECT_NE(shell.err.find("refused the request: No authentication token provided"),
              std::string::npos)
        << shell.err;
    EXPECT_EQ(std::count(shell.err.begin(), shell.err.end(), '\n'), 1) << shell.err;
  }

  void expect_token_nowhere(const std::string& token, const fs::path& log) {
    EXPECT_TRUE(processes_with(token).empty()) << "the token is on a command line";
    EXPECT_EQ(read_text(log).find(token), std::string::npos) << "the token is in " << log;
    EXPECT_EQ(mode_of(log), 0600u) << log;
    EXPECT_EQ(outputs.find(token), std::string::npos) << "sparkctl printed the token";
  }

  TempDir dir;
  TempDir other_dir;
  ScopedEnv state_dir_env{"SPARKCTL_STATE_DIR", dir.path().string()};
  uid_t other_uid = 0;
  gid_t other_gid = 0;
  std::vector<std::string> other_python;
  fs::path probe;
  fs::path rpc_probe;
  fs::path secret;
  std::string outputs;  // everything sparkctl printed, but for `server status -o url|env`
};

// The port of Spark's UI from its log, 0 when it did not start.
int ui_port(const fs::path& log) {
  static const std::regex started(R"(Successfully started service 'SparkUI' on port (\d+))");
  std::smatch match;
  const auto text = read_text(log);
  return std::regex_search(text, match, started) ? std::stoi(match[1]) : 0;
}

TEST_F(ServerAuthTest, WarmServerAdmitsOnlyItsOwner) {
  auto started =
      owner({"--set", "spark.master=local[1]", "server", "start", "--port", "0", "--ui"});
  ASSERT_EQ(started.exit_code, 0) << started.err;
  const auto state = read_state();
  ASSERT_TRUE(state.has_value());
  struct StopAtEnd {
    ServerAuthTest& test;
    ~StopAtEnd() { test.owner({"server", "stop"}); }
  } stop_at_end{*this};
  EXPECT_EQ(started.out, state->address() + "\n");
  ASSERT_EQ(state->token.size(), 64u);
  EXPECT_EQ(mode_of(dir.path()), 0700u);
  EXPECT_EQ(mode_of(state_file()), 0600u);

  // The owner: the warm server, its printed address, a job, the status.
  const std::string count = "SELECT count(*) AS n FROM text.`" + secret.string() + "`";
  auto warm = owner({"shell", "-o", "csv", "-e", count});
  EXPECT_EQ(warm.exit_code, 0) << warm.err;
  EXPECT_EQ(warm.out, "n\n1\n");
  auto by_address = owner({"shell", "--remote", state->address(), "-o", "csv", "-e", count});
  EXPECT_EQ(by_address.exit_code, 0) << by_address.err;
  EXPECT_EQ(by_address.out, "n\n1\n");
  auto job = owner({"run", "--job", "pi", "--job-args", "partitions=2"});
  EXPECT_EQ(job.exit_code, 0) << job.err;
  EXPECT_NE(job.err.find("on the warm server"), std::string::npos) << job.err;
  auto status = owner({"server", "status"});
  EXPECT_EQ(status.exit_code, 0) << status.err;
  EXPECT_NE(status.out.find(state->address()), std::string::npos) << status.out;
  EXPECT_EQ(owner({"server", "status", "-o", "json"}).exit_code, 0);

  // On request, for pyspark: the URL, or the environment to export.
  const auto url = run_sparkctl({"server", "status", "-o", "url"});
  EXPECT_EQ(url.out,
            "sc://localhost:" + std::to_string(state->port) + "/;token=" + state->token + "\n");
  EXPECT_EQ(pyspark(url.out.substr(0, url.out.size() - 1)), "OK 1\n");
  const auto env = run_sparkctl({"server", "status", "-o", "env"});
  EXPECT_EQ(env.out, "export SPARK_REMOTE=sc://localhost:" + std::to_string(state->port) +
                         "\nexport SPARK_CONNECT_AUTHENTICATE_TOKEN=" + state->token + "\n");
  EXPECT_EQ(pyspark("sc://localhost:" + std::to_string(state->port),
                    {{"SPARK_CONNECT_AUTHENTICATE_TOKEN", state->token}}),
            "OK 1\n");

  // Anyone else: refused, and the state and log are out of reach.
  expect_other_user_refused(state->port, state->token);
  EXPECT_NE(as_other_user({"cat", state_file().string()}).exit_code, 0);
  EXPECT_NE(as_other_user({"cat", state->log_path}).exit_code, 0);

  // --ui: the UI answers, but has no kill endpoints for anyone.
  const int ui = ui_port(state->log_path);
  ASSERT_NE(ui, 0) << "no SparkUI in " << state->log_path;
  const std::string base = "http://127.0.0.1:" + std::to_string(ui);
  auto http_status = [&](const std::string& method, const std::string& path) {
    return as_other_user(
               {"curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", method, base + path})
        .out;
  };
  EXPECT_EQ(http_status("GET", "/jobs/"), "200");
  // Refused (Spark answers 403 or 405 with kill disabled), never the
  // redirect a kill that was carried out answers with.
  for (const auto& [method, path] :
       {std::pair{"POST", "/jobs/job/kill/?id=0"}, std::pair{"GET", "/jobs/job/kill/?id=0"},
        std::pair{"POST", "/stages/stage/kill/?id=0"},
        std::pair{"GET", "/stages/stage/kill/?id=0"}}) {
    const std::string code = http_status(method, path);
    EXPECT_TRUE(code == "403" || code == "404" || code == "405")
        << method << " " << path << ": " << code;
  }

  expect_token_nowhere(state->token, state->log_path);
}

TEST_F(ServerAuthTest, PerRunServerAdmitsOnlyItsOwner) {
  // A shell on a server of its own, reading its statements from a pipe.
  const int port = pick_free_port();
  const auto out = dir.path() / "out.txt";
  const auto err = dir.path() / "err.txt";
  const std::string command =
      std::string("SPARKCTL_STATE_DIR=") + dir.path().string() + " timeout 300 " + SPARKCTL_BINARY +
      " --set spark.master=local[1] --set spark.connect_port=" + std::to_string(port) +
      " shell -o csv >" + out.string() + " 2>" + err.string();
  FILE* shell = popen(command.c_str(), "w");
  ASSERT_NE(shell, nullptr);
  struct CloseAtEnd {
    FILE*& shell;
    ~CloseAtEnd() {
      if (shell) pclose(shell);
    }
  } close_at_end{shell};
  ASSERT_TRUE(wait_until([&] { return port_accepts(port); }, std::chrono::seconds(240)))
      << read_text(err);
  const auto jvms = processes_with(server_marker(port));
  ASSERT_EQ(jvms.size(), 1u);
  const auto environ = read_text("/proc/" + std::to_string(jvms.front()) + "/environ");
  std::smatch match;
  ASSERT_TRUE(std::regex_search(environ, match,
                                std::regex("SPARK_CONNECT_AUTHENTICATE_TOKEN=([0-9a-f]{64})")));
  const std::string token = match[1];

  expect_other_user_refused(port, token);

  // What else the driver listens on: its RPC and block-manager ports,
  // behind Spark's authentication; no UI.
  fs::path log;
  for (const auto& entry : fs::directory_iterator(dir.path() / "logs")) log = entry.path();
  EXPECT_EQ(ui_port(log), 0) << "the UI is off unless asked for";
  std::vector<int> other_ports;
  std::istringstream lines(run_command({"ss", "-Hltnp"}).out);
  const std::string jvm_tag = "pid=" + std::to_string(jvms.front()) + ",";
  static const std::regex local_port(R"(^\S+\s+\S+\s+\S+\s+\S*:(\d+)\s)");
  for (std::string line; std::getline(lines, line);) {
    std::smatch port_match;
    if (line.find(jvm_tag) == std::string::npos || !std::regex_search(line, port_match, local_port))
      continue;
    std::printf("the per-run server listens on: %s\n", line.c_str());
    // 127.0.0.1, or the same address mapped into IPv6 ([::ffff:127.0.0.1]).
    EXPECT_TRUE(line.find(" 127.0.0.1:") != std::string::npos ||
                line.find(" [::ffff:127.0.0.1]:") != std::string::npos)
        << "not on loopback only: " << line;
    if (std::stoi(port_match[1]) != port) other_ports.push_back(std::stoi(port_match[1]));
  }
  EXPECT_EQ(other_ports.size(), 2u) << "the driver's RPC and block-manager ports";
  for (int other_port : other_ports) {
    auto answer = python_as_other_user({rpc_probe.string(), std::to_string(other_port)});
    EXPECT_NE(answer.out.find("Expected SaslMessage"), std::string::npos)
        << "port " << other_port << ": " << answer.out << answer.err;
  }

  // The owner's statement runs, and the shell stops its server.
  const std::string statement = "SELECT count(*) AS n FROM text.`" + secret.string() + "`;\n";
  std::fputs(statement.c_str(), shell);
  const int status = pclose(shell);
  shell = nullptr;
  EXPECT_EQ(WEXITSTATUS(status), 0) << read_text(err);
  EXPECT_EQ(read_text(out), "n\n1\n");
  outputs += read_text(out) + read_text(err);
  EXPECT_FALSE(port_accepts(port));
  expect_token_nowhere(token, log);
}

}  // namespace
}  // namespace sparkctl::runtime::test
