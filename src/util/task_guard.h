// The boundary between work that may throw (allocation, thread start) and the Status world:
// pool tasks, public calls. std::bad_alloc escaping a pool thread would abort the process.
#pragma once

#include <exception>
#include <string_view>
#include <type_traits>
#include <utility>

#include "delta/engine.h"
#include "delta/status.h"

namespace delta {

/// The Status of the exception being handled (call only inside a catch block), prefixed with
/// what was being done: `action` and `object` joined by a space ("reading", "<file>"), so
/// callers build no string unless something failed. ResourceExhausted for an allocation
/// failure, an absurd length or a thread that could not start; Internal for anything else (a
/// bug). Never throws: when even the message cannot be allocated, a fixed status is returned.
Status StatusFromCurrentException(std::string_view action, std::string_view object = {}) noexcept;

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
