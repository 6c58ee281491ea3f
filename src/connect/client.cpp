#include "sparkctl/connect/client.hpp"

#include <cstdlib>

#include "client_impl.hpp"
#include "server_status.hpp"
#include "sparkctl/core/version.hpp"
#include "uuid.hpp"

namespace sparkctl::connect {
namespace {

constexpr size_t release_every = 8 << 20;  // bytes of results between two releases

std::string default_user() {
  const char* user = std::getenv("USER");
  return user && *user ? user : "sparkctl";
}

}  // namespace

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
