// An operation's end on the server: releasing its buffered responses and
// interrupting it, also when it reached the server after an interrupt.
#include "client_impl.hpp"

namespace sparkctl::connect {

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

}  // namespace sparkctl::connect
