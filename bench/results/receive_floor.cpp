// Benchmark helper (not a test): receives a query's Arrow stream over
// Spark Connect with sparkctl's client and throws it away — no decoding, no
// output. What any client must at least spend on the same result.
//   bench_receive_floor sc://127.0.0.1:15002 "SELECT ..."
#include <cstdio>
#include <exception>

#include "spark/connect/base.pb.h"
#include "sparkctl/connect/client.hpp"
#include "sparkctl/connect/session.hpp"
#include "sparkctl/connect/token_source.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s sc://HOST:PORT QUERY\n", argv[0]);
    return 2;
  }
  try {
    // The token of a local server comes from $SPARK_CONNECT_AUTHENTICATE_TOKEN.
    const auto spark = sparkctl::connect::Session::open(sparkctl::connect::parse_connection_string(
        argv[1], sparkctl::connect::token_from_file_or_environment("")));
    spark::connect::Plan plan;
    *plan.mutable_root() = spark.sql(argv[2]).relation();
    long long bytes = 0, rows = 0, batches = 0;
    spark.client().execute(plan, [&](spark::connect::ExecutePlanResponse& response) {
      if (!response.has_arrow_batch()) return;
      bytes += static_cast<long long>(response.arrow_batch().data().size());
      rows += response.arrow_batch().row_count();
      ++batches;
    });
    std::fprintf(stderr, "%lld rows, %lld Arrow bytes in %lld responses\n", rows, bytes, batches);
    spark.close();
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_receive_floor: %s\n", e.what());
    return 1;
  }
}
