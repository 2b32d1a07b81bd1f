// Where the kernel runs CPU work: the host's threads.
#pragma once

#include <functional>

namespace delta {

/// Runs CPU work. Must be thread-safe. Tasks may themselves submit tasks.
class Executor {
 public:
  virtual ~Executor() = default;
  /// Runs `task` eventually on some thread.
  virtual void Submit(std::function<void()> task) = 0;
  /// Number of threads work is spread over.
  virtual int parallelism() const = 0;
};

}  // namespace delta
