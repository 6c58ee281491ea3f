// The parts of one multipart upload, sent a few at a time. One part at a
// time leaves the link idle while each part's checksum is computed and
// while its answer is awaited; with several in flight those waits overlap
// with the others' sending. What they share is here: which part goes next,
// the sum of bytes sent for the one progress callback, and the first
// failure, which stops the rest.
#pragma once

#include <atomic>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>

#include "sparkctl/storage/object_store.hpp"

namespace sparkctl::storage {

class PartsInFlight {
 public:
  // `total`: the file's size, what `progress` (may be empty) is told of.
  PartsInFlight(std::uint64_t total, UploadProgress progress);

  // Calls send(index) for every index in [0, count), lowest first, on up to
  // `workers` threads (the caller's among them, so 0 or 1 is one at a
  // time). Returns once every thread is done. After a failure no part
  // starts and the running ones stop at their next sent(); the first
  // failure is rethrown, not what it made the others stop with.
  void run(std::size_t count, unsigned workers, const std::function<void(std::size_t index)>& send);

  // Bytes of a part newly sent (a part's on_sent), added to the sum the
  // progress callback gets; the callback runs for one part at a time, so
  // the sum it sees never goes down. Throws, cutting the part short, once
  // another part failed. An exception of the callback itself (Ctrl-C) is
  // the upload's failure.
  void sent(std::uint64_t bytes);

 private:
  // Keeps `failure` unless one was kept before. Callers hold mutex_.
  void fail(std::exception_ptr failure);

  const std::uint64_t total_;
  const UploadProgress progress_;
  std::mutex mutex_;  // guards all below but stopping_'s reads
  std::uint64_t sent_ = 0;
  std::exception_ptr failure_;
  std::atomic<bool> stopping_{false};  // set with failure_, read without the lock
};

}  // namespace sparkctl::storage
