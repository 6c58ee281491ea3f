// The state behind connect::Client and the steps its calls share: what
// every request carries, retries, interrupts, and turning a failed call
// into a typed error. client.cpp runs the calls; client_failure.cpp and
// client_operations.cpp hold the error path and an operation's release
// and interruption.
#pragma once

#include <grpcpp/grpcpp.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>

#include "retry.hpp"
#include "spark/connect/base.grpc.pb.h"
#include "sparkctl/connect/client.hpp"
#include "sparkctl/core/error.hpp"

namespace sparkctl::connect {

// How long the calls that tidy up may take: they run on the way out.
inline constexpr auto release_timeout = std::chrono::seconds(10);
inline constexpr auto interrupt_timeout = std::chrono::seconds(10);
inline constexpr auto abandon_timeout = std::chrono::seconds(3);

struct Client::Impl {
  ChannelOptions options;
  std::string session_id;
  std::string client_type;
  proto::UserContext user_context;
  std::shared_ptr<grpc::Channel> channel;
  std::unique_ptr<proto::SparkConnectService::Stub> stub;

  ProgressHandler progress;
  // interrupt_all() counts up `interrupts`; clear_interrupt() catches
  // `cleared` up. Interrupted while they differ.
  std::atomic<std::uint64_t> interrupts{0};
  std::atomic<std::uint64_t> cleared{0};
  bool interrupted() const { return interrupts.load() != cleared.load(); }
  std::atomic<std::int64_t> plan_ids{0};
  std::mutex mutex;                        // guards the two below
  std::string server_side_session_id;      // learnt from the first response
  std::set<grpc::ClientContext*> running;  // calls interrupt_all() cancels
  std::set<std::string> interrupted_ids;   // operations the server said it interrupted

  // Session, user and client fields every request carries.
  template <class Request>
  void stamp(Request& request) {
    request.set_session_id(session_id);
    *request.mutable_user_context() = user_context;
    request.set_client_type(client_type);
    std::lock_guard lock(mutex);
    if (!server_side_session_id.empty()) {
      request.set_client_observed_server_side_session_id(server_side_session_id);
    }
  }

  void prepare(grpc::ClientContext& context) const {
    if (!options.token.empty()) context.AddMetadata("authorization", "Bearer " + options.token);
    for (const auto& [key, value] : options.headers) context.AddMetadata(key, value);
  }

  template <class Response>
  void check(const Response& response) {
    if (response.session_id() != session_id) {
      throw Error::cluster("the Spark Connect server answered for session '" +
                           response.session_id() + "', not ours (" + session_id + ")");
    }
    const std::string& server_side = response.server_side_session_id();
    if (server_side.empty()) return;
    std::lock_guard lock(mutex);
    if (server_side_session_id.empty()) {
      server_side_session_id = server_side;
    } else if (server_side != server_side_session_id) {
      throw Error::cluster("the Spark Connect server lost session " + session_id +
                           " (was it restarted?); run the job again");
    }
  }

  // Registers `context` for interrupt_all() to cancel, unless an interrupt
  // came first (then throws Error::interrupted). Checking and registering
  // under one lock leaves no gap for a Ctrl-C to fall into.
  void start_interruptible(grpc::ClientContext& context) {
    std::lock_guard lock(mutex);
    if (interrupted()) throw Error::interrupted("the Spark operation was interrupted");
    running.insert(&context);
  }
  struct Unregister {
    Impl& s;
    grpc::ClientContext* context;
    ~Unregister() {
      std::lock_guard lock(s.mutex);
      s.running.erase(context);
    }
  };

  // A unary call with retries on UNAVAILABLE; `call(context)` returns the status.
  template <class Call>
  grpc::Status with_retries(Call&& call) {
    for (int attempt = 0;; ++attempt) {
      grpc::ClientContext context;
      prepare(context);
      start_interruptible(context);
      const Unregister unregister{*this, &context};
      grpc::Status status = call(context);
      if (interrupted()) throw Error::interrupted("the Spark operation was interrupted");
      if (status.ok() || !retryable(status) || attempt >= options.retry.max_retries) return status;
      const auto delay = backoff(options.retry, attempt);
      spdlog::debug("spark connect: {} ({}); retrying in {} ms", status.error_message(),
                    static_cast<int>(status.error_code()), delay.count());
      std::this_thread::sleep_for(delay);
    }
  }

  // A checked unary call: `call(context, response)` issues the RPC.
  template <class Response, class Call>
  Response unary(Call&& call) {
    Response response;
    const grpc::Status status =
        with_retries([&](grpc::ClientContext& context) { return call(&context, &response); });
    if (!status.ok()) fail(status, false);
    check(response);
    return response;
  }

  [[noreturn]] void fail(const grpc::Status& status, bool interrupted);
  std::optional<proto::FetchErrorDetailsResponse> fetch_error_details(const std::string& id);
  // Lets the server drop the operation's responses: all of them, or those up
  // to response id `until`. It keeps every response of a reattachable
  // operation until released, so a large result must be released as it is
  // read or it piles up in the server's memory.
  void release(const std::string& operation_id, const std::string& until = "") noexcept;
  // Interrupts one operation on the server and releases it, then throws
  // Error::interrupted: for an operation that may have reached the server
  // after interrupt_all()'s INTERRUPT_TYPE_ALL.
  [[noreturn]] void abandon(const std::string& operation_id);
  // Sends `request`; records the operations the server interrupted.
  void interrupt_on_server(proto::InterruptRequest request) noexcept;
  bool was_interrupted(const std::string& operation_id) {
    std::lock_guard lock(mutex);
    return interrupted_ids.count(operation_id) > 0;
  }
};

}  // namespace sparkctl::connect
