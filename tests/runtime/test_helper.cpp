// Plays a sparkctl that starts a child and then gets killed.
//   runtime_test_helper sleep         spawns `sleep 300` tied to it
//   runtime_test_helper spark HOME    starts a local Spark Connect server
//                                     (with the SIGINT/SIGTERM handler)
// Prints "READY <child pid> <port>" on stdout, then waits to be killed.
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <string>

#include "sparkctl/core/error.hpp"
#include "sparkctl/runtime/local_server.hpp"
#include "sparkctl/runtime/signals.hpp"
#include "sparkctl/runtime/spark_home.hpp"

using namespace sparkctl::runtime;

int main(int argc, char** argv) {
  if (argc < 2) return 2;
  try {
    if (std::strcmp(argv[1], "sleep") == 0) {
      auto child = ChildProcess::spawn({{"/bin/sleep", "300"}, {}, "", Lifetime::tied_to_parent});
      std::printf("READY %d 0\n", child.pid());
      std::fflush(stdout);
      for (;;) pause();
    }
    if (std::strcmp(argv[1], "spark") == 0 && argc == 3) {
      Interrupts::install(std::chrono::seconds(2));
      ServerOptions options;
      options.spark_home = argv[2];
      options.java_home = find_java("").home;
      options.master = "local[1]";
      options.show_progress = false;
      LocalServer server(options);
      InterruptScope stop_on_interrupt(Interrupts::Phase::cleanup, [&server] { server.stop(); });
      server.start();
      std::printf("READY %d %d\n", server.pid(), server.port());
      std::fflush(stdout);
      for (;;) pause();
    }
  } catch (const sparkctl::Error& e) {
    std::fprintf(stderr, "helper: %s\n", e.what());
    return 1;
  }
  return 2;
}
