// ParallelFor: spread n independent work items over an Executor.
#pragma once

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>

#include "delta/engine.h"

namespace delta {

/// Calls fn(i) for every i in [0, n) using up to `executor.parallelism()` pool threads plus the
/// calling thread, and returns when all calls have returned. The caller takes items too, so this
/// never deadlocks even when called from inside a pool task. Items are claimed in index order.
/// An exception thrown by fn (an allocation failure) stops handing out items and is rethrown
/// on the calling thread once every started call has returned: it never escapes a pool thread.
inline void ParallelFor(Executor* executor, size_t n, const std::function<void(size_t)>& fn) {
  if (n == 0) return;
  if (executor == nullptr || n == 1 || executor->parallelism() <= 1) {
    for (size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  struct Shared {
    std::atomic<size_t> next{0};
    std::mutex mu;
    std::condition_variable cv;
    size_t helpers_running = 0;
    std::exception_ptr error;  // the first exception thrown by fn
  };
  auto shared = std::make_shared<Shared>();
  auto drain = [shared, n, &fn]() noexcept {
    try {
      for (size_t i; (i = shared->next.fetch_add(1)) < n;) fn(i);
    } catch (...) {
      shared->next = n;
      std::lock_guard lock(shared->mu);
      if (!shared->error) shared->error = std::current_exception();
    }
  };
  size_t helpers = std::min<size_t>(n - 1, static_cast<size_t>(executor->parallelism()));
  shared->helpers_running = helpers;
  for (size_t h = 0; h < helpers; ++h) {
    try {
      executor->Submit([shared, drain] {
        drain();
        std::lock_guard lock(shared->mu);
        if (--shared->helpers_running == 0) shared->cv.notify_all();
      });
    } catch (...) {
      // The executor could not take the helper (out of memory): the caller does its share.
      std::lock_guard lock(shared->mu);
      shared->helpers_running -= helpers - h;
      break;
    }
  }
  drain();
  // Helpers that have not started yet find no work left and finish at once.
  std::unique_lock lock(shared->mu);
  shared->cv.wait(lock, [&] { return shared->helpers_running == 0; });
  if (shared->error) std::rethrow_exception(shared->error);
}

}  // namespace delta
