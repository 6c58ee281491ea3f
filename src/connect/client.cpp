#include "sparkctl/connect/client.hpp"

#include <grpcpp/grpcpp.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <cstdlib>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include "retry.hpp"
#include "server_status.hpp"
#include "spark/connect/base.grpc.pb.h"
#include "sparkctl/connect/errors.hpp"
#include "sparkctl/core/error.hpp"
#include "sparkctl/core/version.hpp"
#include "uuid.hpp"

namespace sparkctl::connect {
namespace {

constexpr auto release_timeout = std::chrono::seconds(10);
constexpr auto interrupt_timeout = std::chrono::seconds(10);
constexpr auto abandon_timeout = std::chrono::seconds(3);
constexpr size_t release_every = 8 << 20;  // bytes of results between two releases

std::string default_user() {
  const char* user = std::getenv("USER");
  return user && *user ? user : "sparkctl";
}

}  // namespace

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

void Client::Impl::release(const std::string& operation_id, const std::string& until) noexcept {
  try {
    proto::ReleaseExecuteRequest request;
    stamp(request);
    request.set_operation_id(operation_id);
    if (until.empty()) {
      request.mutable_release_all();
    } else {
      request.mutable_release_until()->set_response_id(until);
    }
    proto::ReleaseExecuteResponse response;
    grpc::ClientContext context;
    prepare(context);
    context.set_deadline(std::chrono::system_clock::now() + release_timeout);
    const grpc::Status status = stub->ReleaseExecute(&context, request, &response);
    if (!status.ok())
      spdlog::debug("spark connect: release of {} failed: {}", operation_id,
                    status.error_message());
  } catch (...) {
  }
}

void Client::Impl::interrupt_on_server(proto::InterruptRequest request) noexcept {
  try {
    stamp(request);
    proto::InterruptResponse response;
    grpc::ClientContext context;
    prepare(context);
    context.set_deadline(std::chrono::system_clock::now() + interrupt_timeout);
    const grpc::Status status = stub->Interrupt(&context, request, &response);
    if (!status.ok()) {
      spdlog::warn("could not interrupt the Spark operations: {}", status.error_message());
    } else {
      spdlog::debug("spark connect: interrupted {} operation(s)", response.interrupted_ids_size());
      std::lock_guard lock(mutex);
      interrupted_ids.insert(response.interrupted_ids().begin(), response.interrupted_ids().end());
    }
  } catch (...) {
  }
}

void Client::Impl::abandon(const std::string& operation_id) {
  // A cancelled ExecutePlan can still reach the server after the interrupt
  // (a loaded machine, a slow network): the server then runs it detached
  // until its abandoned-operation timeout, holding the cores. So interrupt
  // it by id until the server says it did, for a few seconds at most (an
  // operation that had already finished is never reported).
  const auto deadline = std::chrono::steady_clock::now() + abandon_timeout;
  while (!was_interrupted(operation_id) && std::chrono::steady_clock::now() < deadline) {
    proto::InterruptRequest request;
    request.set_interrupt_type(proto::InterruptRequest::INTERRUPT_TYPE_OPERATION_ID);
    request.set_operation_id(operation_id);
    interrupt_on_server(std::move(request));
    if (!was_interrupted(operation_id)) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  {
    std::lock_guard lock(mutex);
    interrupted_ids.erase(operation_id);
  }
  release(operation_id);
  throw Error::interrupted("the Spark operation was interrupted");
}

Client::Client(ChannelOptions options) : impl_(std::make_unique<Impl>()) {
  Impl& s = *impl_;
  s.options = std::move(options);
  s.session_id = s.options.session_id.empty() ? random_uuid() : s.options.session_id;
  s.client_type = std::string("sparkctl/") + sparkctl::version();
  if (!s.options.user_agent.empty()) s.client_type += " " + s.options.user_agent;
  const std::string user = s.options.user_id.empty() ? default_user() : s.options.user_id;
  s.user_context.set_user_id(user);
  s.user_context.set_user_name(user);
  s.channel = make_channel(s.options);
  s.stub = proto::SparkConnectService::NewStub(s.channel);
}

Client::~Client() = default;

const std::string& Client::session_id() const { return impl_->session_id; }
const ChannelOptions& Client::options() const { return impl_->options; }
std::int64_t Client::next_plan_id() { return impl_->plan_ids.fetch_add(1); }

void Client::execute(const proto::Plan& plan, const ResponseHandler& on_response) {
  Impl& s = *impl_;
  proto::ExecutePlanRequest request;
  s.stamp(request);
  const std::string operation_id = random_uuid();
  request.set_operation_id(operation_id);
  *request.mutable_plan() = plan;
  request.add_request_options()->mutable_reattach_options()->set_reattachable(true);

  std::optional<std::string> last_response_id;
  size_t unreleased = 0;  // Arrow bytes received since the last release
  bool attached = false;  // the server knows the operation: resume with ReattachExecute
  bool complete = false;
  int retries = 0;
  while (!complete) {
    grpc::ClientContext context;
    s.prepare(context);
    try {
      s.start_interruptible(context);
    } catch (const Error&) {
      if (attached) s.abandon(operation_id);
      throw;
    }
    const Impl::Unregister unregister{s, &context};
    std::unique_ptr<grpc::ClientReader<proto::ExecutePlanResponse>> reader;
    if (attached) {
      proto::ReattachExecuteRequest reattach;
      s.stamp(reattach);
      reattach.set_operation_id(operation_id);
      if (last_response_id) reattach.set_last_response_id(*last_response_id);
      reader = s.stub->ReattachExecute(&context, reattach);
    } else {
      reader = s.stub->ExecutePlan(&context, request);
    }

    proto::ExecutePlanResponse response;
    try {
      while (!complete && reader->Read(&response)) {
        s.check(response);
        last_response_id = response.response_id();
        if (response.has_result_complete()) {
          complete = true;
        } else if (response.has_execution_progress()) {
          if (s.progress) {
            std::int64_t done = 0, total = 0;
            for (const auto& stage : response.execution_progress().stages()) {
              done += stage.num_completed_tasks();
              total += stage.num_tasks();
            }
            s.progress(done, total);
          }
        } else {
          const size_t bytes =
              response.has_arrow_batch() ? response.arrow_batch().data().size() : 0;
          on_response(response);
          // Released in steps of a few MiB: bounded on the server, few round trips here.
          unreleased += bytes;
          if (unreleased >= release_every) {
            s.release(operation_id, response.response_id());
            unreleased = 0;
          }
        }
      }
    } catch (...) {
      // The handler (or a session check) failed: stop the server work too.
      context.TryCancel();
      while (reader->Read(&response)) {
      }
      reader->Finish();
      s.release(operation_id);
      throw;
    }
    if (complete) {
      context.TryCancel();  // nothing should follow ResultComplete
      while (reader->Read(&response)) {
      }
      reader->Finish();
      break;
    }
    const grpc::Status status = reader->Finish();
    if (status.ok()) {  // the stream ended before ResultComplete: resume it
      attached = true;
      continue;
    }
    if (s.interrupted()) s.abandon(operation_id);
    const ServerStatus server = read_status(status);
    if (attached && !last_response_id &&
        server.error_class() == "INVALID_HANDLE.OPERATION_NOT_FOUND") {
      attached = false;  // the first ExecutePlan never reached the server
    } else if (retryable(status) && retries < s.options.retry.max_retries) {
      attached = attached || last_response_id.has_value() || retries > 0;
    } else {
      s.fail(status, false);
    }
    const auto delay = backoff(s.options.retry, retries++);
    spdlog::debug("spark connect: operation {} stream broke ({}); resuming in {} ms", operation_id,
                  status.error_message(), delay.count());
    std::this_thread::sleep_for(delay);
  }
  s.release(operation_id);
}

void Client::set_progress_handler(ProgressHandler handler) { impl_->progress = std::move(handler); }

proto::AnalyzePlanResponse Client::analyze(proto::AnalyzePlanRequest request) {
  impl_->stamp(request);
  return impl_->unary<proto::AnalyzePlanResponse>(
      [&](grpc::ClientContext* context, proto::AnalyzePlanResponse* response) {
        return impl_->stub->AnalyzePlan(context, request, response);
      });
}

proto::ConfigResponse Client::config(const proto::ConfigRequest::Operation& operation) {
  proto::ConfigRequest request;
  impl_->stamp(request);
  *request.mutable_operation() = operation;
  auto response = impl_->unary<proto::ConfigResponse>(
      [&](grpc::ClientContext* context, proto::ConfigResponse* response) {
        return impl_->stub->Config(context, request, response);
      });
  for (const auto& warning : response.warnings()) spdlog::warn("spark: {}", warning);
  return response;
}

void Client::interrupt_all() noexcept {
  Impl& s = *impl_;
  {
    // Under the lock: a call registers either before (and is cancelled
    // here) or after (and sees the interrupt), never in between.
    std::lock_guard lock(s.mutex);
    s.interrupts.fetch_add(1);
    for (grpc::ClientContext* context : s.running) context->TryCancel();
  }
  proto::InterruptRequest request;
  request.set_interrupt_type(proto::InterruptRequest::INTERRUPT_TYPE_ALL);
  s.interrupt_on_server(std::move(request));
}

void Client::clear_interrupt() noexcept { impl_->cleared.store(impl_->interrupts.load()); }

void Client::release_session() noexcept {
  try {
    proto::ReleaseSessionRequest request;
    request.set_session_id(impl_->session_id);
    *request.mutable_user_context() = impl_->user_context;
    request.set_client_type(impl_->client_type);
    proto::ReleaseSessionResponse response;
    grpc::ClientContext context;
    impl_->prepare(context);
    context.set_deadline(std::chrono::system_clock::now() + release_timeout);
    impl_->stub->ReleaseSession(&context, request, &response);
  } catch (...) {
  }
}

}  // namespace sparkctl::connect
