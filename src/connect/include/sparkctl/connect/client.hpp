// The Spark Connect RPC client: one session on one server. It owns the
// gRPC channel and knows the protocol rules — session ids, operation ids,
// reattachable execution, retries, error translation — so the DataFrame
// layer above only builds plans and reads responses.
//
// Every response must carry this client's session id, and the server-side
// session id must not change (a restarted server lost our state); either
// mismatch is Error::cluster. Server errors become connect::SparkError;
// unreachable servers (after retries) Error::cluster; a call cut short by
// interrupt_all() Error::interrupted.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "spark/connect/base.pb.h"
#include "sparkctl/connect/channel.hpp"

namespace sparkctl::connect {

namespace proto = ::spark::connect;

class Client {
 public:
  explicit Client(ChannelOptions options);
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  const std::string& session_id() const;
  const ChannelOptions& options() const;

  // Runs `plan` with a fresh operation id as a reattachable execution:
  // a broken stream is resumed with ReattachExecute from the last response
  // seen, and the operation is released when the result is complete.
  // `on_response` sees every response except ResultComplete and progress;
  // it may move data out of it (the Arrow batches of a streamed result).
  using ResponseHandler = std::function<void(proto::ExecutePlanResponse&)>;
  void execute(const proto::Plan& plan, const ResponseHandler& on_response);

  // Called (on the executing thread) with each progress report the server
  // sends while an operation runs: tasks done and tasks in total over the
  // stages so far. For progress display, and for knowing work has started.
  using ProgressHandler = std::function<void(std::int64_t done_tasks, std::int64_t total_tasks)>;
  void set_progress_handler(ProgressHandler handler);

  // Session, user context and client type are filled in here.
  proto::AnalyzePlanResponse analyze(proto::AnalyzePlanRequest request);
  proto::ConfigResponse config(const proto::ConfigRequest::Operation& operation);

  // Interrupts every running operation of this session. Safe to call from
  // another thread (a signal-watching thread on Ctrl-C); never throws.
  // The interrupt sticks: every call from then on, including one that was
  // about to start, throws Error::interrupted (and an operation that
  // reached the server is interrupted there by its id) until
  // clear_interrupt(). So a Ctrl-C between two calls of a statement is
  // never lost.
  void interrupt_all() noexcept;
  // Forgets earlier interrupts: for a shell, before each statement.
  void clear_interrupt() noexcept;

  // Ends the server session (best effort; never throws).
  void release_session() noexcept;

  // Unique ids for the relations of this session's plans.
  std::int64_t next_plan_id();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sparkctl::connect
