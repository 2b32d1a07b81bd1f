// The boundary between work that may throw (allocation, thread start) and the Status world:
// pool tasks, public calls. std::bad_alloc escaping a pool thread would abort the process.
#pragma once

#include <exception>
#include <string_view>
#include <type_traits>
#include <utility>

#include "delta/engine.h"
#include "delta/exception_status.h"
#include "delta/status.h"

namespace delta {

/// Runs `f` (returning Status, Result<T> or void) and returns its result, or the Status of an
/// exception it throws (see StatusFromCurrentException).
template <typename F>
auto CatchAsStatus(std::string_view action, std::string_view object, F&& f) noexcept {
  using R = decltype(f());
  if constexpr (std::is_void_v<R>) {
    try {
      f();
      return Status::OK();
    } catch (...) {
      return StatusFromCurrentException(action, object);
    }
  } else {
    try {
      return R(f());
    } catch (...) {
      return R(StatusFromCurrentException(action, object));
    }
  }
}

/// fs.ReadFile(location), with an exception turned into a Status naming the file.
Result<std::string> GuardedRead(FileSystem& fs, const std::string& location) noexcept;

/// Hands `task` (which must not throw) to the executor, or runs it on this thread when the
/// executor cannot take it (no memory for the queue entry): callers count on it running.
template <typename F>
void SubmitOrRun(Executor& executor, F task) noexcept {
  static_assert(std::is_nothrow_invocable_v<F&>, "a pool task must not throw");
  try {
    executor.Submit(task);
    return;
  } catch (...) {
  }
  task();
}

}  // namespace delta
