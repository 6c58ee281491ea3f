// Reading a failed gRPC status from the Spark Connect server: the
// google.rpc.Status in the grpc-status-details-bin trailer carries a
// google.rpc.ErrorInfo whose metadata holds Spark's errorClass, sqlState
// and (when the server keeps enriched errors) an errorId for
// FetchErrorDetails.
#pragma once

#include <grpcpp/support/status.h>

#include <map>
#include <string>

namespace sparkctl::connect {

struct ServerStatus {
  grpc::StatusCode code = grpc::StatusCode::OK;
  std::string message;
  std::string reason;                           // ErrorInfo.reason: the Java exception class
  std::map<std::string, std::string> metadata;  // ErrorInfo.metadata

  std::string error_class() const { return value("errorClass"); }
  std::string sql_state() const { return value("sqlState"); }
  std::string error_id() const { return value("errorId"); }
  std::string value(const std::string& key) const {
    auto it = metadata.find(key);
    return it == metadata.end() ? std::string() : it->second;
  }
};

ServerStatus read_status(const grpc::Status& status);

}  // namespace sparkctl::connect
