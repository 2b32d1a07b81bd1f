// Local storage that lets a concurrent writer win the race against an operation run through a
// public API: `before` runs once, just before the operation's first commit file is put.
#pragma once

#include <functional>
#include <memory>
#include <string_view>
#include <utility>

#include "delta/default_engine.h"
#include "delta/forwarding_file_system.h"

namespace delta::test {

class RaceFileSystem final : public ForwardingFileSystem {
 public:
  RaceFileSystem(std::shared_ptr<FileSystem> inner, std::function<void()> before)
      : ForwardingFileSystem(std::move(inner)), before_(std::move(before)) {}
  Status PutIfAbsent(std::string_view location, std::string_view data) override {
    if (before_ && location.find("/_delta_log/") != std::string_view::npos &&
        location.ends_with(".json")) {
      std::exchange(before_, nullptr)();
    }
    return ForwardingFileSystem::PutIfAbsent(location, data);
  }

 private:
  std::function<void()> before_;
};

/// A default engine (two CPU threads) on local storage that runs `before` as above.
inline std::shared_ptr<Engine> RacingEngine(std::function<void()> before) {
  auto fs = std::make_shared<RaceFileSystem>(*MakeDefaultFileSystem(), std::move(before));
  DefaultEngineOptions o;
  o.cpu_threads = 2;
  return *MakeDefaultEngine(fs, o);
}

}  // namespace delta::test
