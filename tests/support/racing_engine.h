// A default engine whose storage lets other writers win races: before each of the first
// commit-file puts it makes, it runs the next queued callback (a concurrent commit through
// another engine), so the operation run on it loses and rebases once per callback.
#pragma once

#include <concepts>
#include <deque>
#include <functional>
#include <memory>
#include <string_view>
#include <utility>

#include "delta/default_engine.h"
#include "delta/forwarding_file_system.h"

namespace delta::test {

class RacingFileSystem final : public ForwardingFileSystem {
 public:
  RacingFileSystem(std::shared_ptr<FileSystem> inner, std::deque<std::function<void()>> before)
      : ForwardingFileSystem(std::move(inner)), before_(std::move(before)) {}
  Status PutIfAbsent(std::string_view location, std::string_view data) override {
    if (!before_.empty() && location.find("/_delta_log/") != std::string_view::npos &&
        location.ends_with(".json")) {
      std::function<void()> winner = std::move(before_.front());
      before_.pop_front();
      winner();
    }
    return ForwardingFileSystem::PutIfAbsent(location, data);
  }

 private:
  std::deque<std::function<void()>> before_;
};

/// An engine on local storage running `before[i]` before its (i+1)-th commit put.
inline std::shared_ptr<Engine> RacingEngine(std::deque<std::function<void()>> before) {
  auto fs = std::make_shared<RacingFileSystem>(*MakeDefaultFileSystem(), std::move(before));
  DefaultEngineOptions o;
  o.cpu_threads = 2;
  return *MakeDefaultEngine(fs, o);
}

/// The same with one winner: `before` runs before the first commit put.
/// (A template, so a braced list of winners still picks the overload above.)
template <std::invocable F>
std::shared_ptr<Engine> RacingEngine(F before) {
  std::deque<std::function<void()>> one;
  one.emplace_back(std::move(before));
  return RacingEngine(std::move(one));
}

}  // namespace delta::test
