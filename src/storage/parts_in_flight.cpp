#include "parts_in_flight.hpp"

#include <algorithm>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

namespace sparkctl::storage {

namespace {

// What a part is cut short with once another failed. Never reported: that
// other failure was kept first.
struct StoppedByAnotherPart {};

}  // namespace

PartsInFlight::PartsInFlight(std::uint64_t total, UploadProgress progress)
    : total_(total), progress_(std::move(progress)) {}

void PartsInFlight::run(std::size_t count, unsigned workers,
                        const std::function<void(std::size_t)>& send) {
  std::atomic<std::size_t> next{0};
  const auto work = [&] {
    for (auto index = next++; index < count && !stopping_; index = next++) {
      try {
        send(index);
      } catch (...) {
        std::lock_guard<std::mutex> lock(mutex_);
        fail(std::current_exception());
        return;
      }
    }
  };
  std::vector<std::thread> threads;
  const auto extra = std::min<std::size_t>(std::max(workers, 1u), count) - 1;
  for (std::size_t i = 0; i < extra; ++i) {
    try {
      threads.emplace_back(work);
    } catch (const std::system_error&) {
      break;  // no more threads to be had: the ones there are (and ours) do all parts
    }
  }
  work();
  for (auto& thread : threads) thread.join();
  if (failure_) std::rethrow_exception(failure_);
}

void PartsInFlight::sent(std::uint64_t bytes) {
  if (stopping_) throw StoppedByAnotherPart{};
  std::lock_guard<std::mutex> lock(mutex_);
  // Checked again under the lock: the callback is not called once the
  // upload failed (it may have been the callback that threw).
  if (stopping_) throw StoppedByAnotherPart{};
  sent_ += bytes;
  if (!progress_) return;
  try {
    progress_(sent_, total_);
  } catch (...) {
    fail(std::current_exception());
    throw;
  }
}

void PartsInFlight::fail(std::exception_ptr failure) {
  if (!failure_) failure_ = std::move(failure);
  stopping_ = true;
}

}  // namespace sparkctl::storage
