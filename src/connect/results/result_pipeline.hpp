// Receiving and writing a result at the same time: the calling thread runs
// the plan and hands the Arrow data of each response to a second thread,
// which decodes it and feeds a ResultWriter. A small bounded queue between
// them keeps memory flat (a slow writer holds back the server through
// gRPC's flow control) and lets decoding overlap receiving.
#pragma once

#include <cstdint>

#include "result_writer.hpp"
#include "spark/connect/base.pb.h"

namespace sparkctl::connect {
class Client;
}

namespace sparkctl::connect::results {

// Runs `plan`, writes its batches to `writer` and returns the row count.
// The first failure wins: a Spark error stops the writer, a writer error
// (malformed data, a failed write) cancels the operation on the server.
std::int64_t run_pipeline(Client& client, const spark::connect::Plan& plan, ResultWriter& writer);

}  // namespace sparkctl::connect::results
