// A fixed-size thread pool implementing delta::Executor.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "delta/engine.h"

namespace delta {

class ThreadPool final : public Executor {
 public:
  /// `threads` <= 0 means std::thread::hardware_concurrency(). Threads that cannot be started
  /// (a process thread limit, no memory) are done without: with none, Submit runs each task
  /// on the caller's thread. Never throws.
  explicit ThreadPool(int threads);
  ~ThreadPool() override;
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  void Submit(std::function<void()> task) override;
  int parallelism() const override {
    return workers_.empty() ? 1 : static_cast<int>(workers_.size());
  }
  /// Threads actually started (0 when none could be).
  int threads() const { return static_cast<int>(workers_.size()); }

 private:
  void WorkerLoop();

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace delta
