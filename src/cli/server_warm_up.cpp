#include "server_warm_up.hpp"

#include <spdlog/spdlog.h>

#include <atomic>

#include "sparkctl/connect/functions.hpp"
#include "sparkctl/connect/session.hpp"
#include "sparkctl/runtime/signals.hpp"

namespace sparkctl::cli {
namespace {

using Clock = std::chrono::steady_clock;

// One round: a generated, filtered and aggregated range (what pi and most
// jobs start with), and a SQL result of common types brought back as Arrow.
void warm_up_round(connect::Session& spark, int round) {
  using namespace connect::functions;
  spark.range(0, 200000, 1, 4)
      .with_column("x", rand(round) * 2 - 1)
      .filter(col("x") * col("x") <= 0.5)
      .count();
  spark
      .sql("SELECT id, id * 2 AS b, CAST(id AS STRING) AS s, rand(" + std::to_string(round) +
           ") AS r FROM range(20000)")
      .collect();
}

}  // namespace

int warm_up_server(const std::string& remote, std::chrono::seconds budget) {
  const auto started = Clock::now();
  auto spark = connect::Session::open(remote);
  std::atomic<bool> interrupted = false;
  runtime::InterruptScope stop_on_interrupt(runtime::Interrupts::Phase::cancel, [&] {
    interrupted = true;
    spark.interrupt_all();
  });
  int rounds = 0;
  try {
    // The first round carries most of the warm-up; the second lets the
    // JIT compile what the first ran.
    while (!interrupted && (rounds < 2 || Clock::now() - started < budget)) {
      const auto round_began = Clock::now();
      warm_up_round(spark, ++rounds);
      spdlog::debug("warm-up round {}: {:.2f}s", rounds,
                    std::chrono::duration<double>(Clock::now() - round_began).count());
    }
  } catch (const std::exception& error) {
    if (!interrupted) throw;
    spdlog::info("warm-up interrupted; the server is running");
  }
  spark.close();
  return rounds;
}

}  // namespace sparkctl::cli
