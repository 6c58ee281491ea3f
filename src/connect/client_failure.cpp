// A failed Spark Connect call as the error it is: unreachable or refused
// (Error::cluster), interrupted, or Spark's own error with its class,
// SQLSTATE, causes and query excerpt (SparkError).
#include "client_impl.hpp"
#include "server_status.hpp"
#include "sparkctl/connect/errors.hpp"

namespace sparkctl::connect {

std::optional<proto::FetchErrorDetailsResponse> Client::Impl::fetch_error_details(
    const std::string& error_id) {
  proto::FetchErrorDetailsRequest request;
  stamp(request);
  request.set_error_id(error_id);
  proto::FetchErrorDetailsResponse response;
  grpc::ClientContext context;
  prepare(context);
  context.set_deadline(std::chrono::system_clock::now() + release_timeout);
  if (!stub->FetchErrorDetails(&context, request, &response).ok()) return std::nullopt;
  return response;
}

void Client::Impl::fail(const grpc::Status& status, bool interrupted) {
  if (interrupted) throw Error::interrupted("the Spark operation was interrupted");
  const ServerStatus server = read_status(status);
  const std::string where = " at " + options.target();
  switch (server.code) {
    case grpc::StatusCode::UNAVAILABLE:
      throw Error::cluster("cannot reach the Spark Connect server" + where + ": " + server.message);
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      throw Error::cluster("the Spark Connect server" + where + " did not answer in time");
    case grpc::StatusCode::UNAUTHENTICATED:
      if (server.error_class().empty()) {
        throw Error::cluster("the Spark Connect server" + where +
                             " refused the request: " + server.message +
                             " (it admits only clients with its token: ;token= in the URL, "
                             "--token-file or $SPARK_CONNECT_AUTHENTICATE_TOKEN)");
      }
      break;
    case grpc::StatusCode::PERMISSION_DENIED:
      if (server.error_class().empty()) {
        throw Error::cluster("the Spark Connect server" + where +
                             " refused the request: " + server.message);
      }
      break;
    default:
      break;
  }
  std::string error_class = server.error_class();
  std::string sql_state = server.sql_state();
  std::string message = server.message;
  std::string query_context;
  if (!server.error_id().empty()) {
    // The status message may be truncated; the enriched error is complete.
    if (auto details = fetch_error_details(server.error_id());
        details && details->has_root_error_idx() &&
        details->root_error_idx() < details->errors_size()) {
      const auto& root = details->errors(details->root_error_idx());
      if (!root.message().empty()) message = root.message();
      // The causes say what a wrapper such as FAILED_READ_FILE hides (a
      // malformed record, a 403); they go after the first line.
      const auto* at = &root;
      for (int hops = 0; hops < details->errors_size() && at->has_cause_idx() &&
                         at->cause_idx() >= 0 && at->cause_idx() < details->errors_size();
           ++hops) {
        at = &details->errors(at->cause_idx());
        message += "\ncaused by: " + at->message();
      }
      if (root.has_spark_throwable()) {
        const auto& t = root.spark_throwable();
        if (error_class.empty() && t.has_error_class()) error_class = t.error_class();
        if (sql_state.empty() && t.has_sql_state()) sql_state = t.sql_state();
        // Where in the query: Spark's excerpt with a caret under the spot.
        if (t.query_contexts_size() > 0) query_context = t.query_contexts(0).summary();
      }
    }
  }
  if (message.empty())
    message = "Spark Connect call failed with gRPC status " +
              std::to_string(static_cast<int>(server.code));
  throw SparkError(std::move(error_class), std::move(sql_state), std::move(message),
                   std::move(query_context));
}

}  // namespace sparkctl::connect
