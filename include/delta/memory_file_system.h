// An in-memory FileSystem for tests: no disk, deterministic, thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "delta/file_system.h"

namespace delta {

/// Files live in a sorted map keyed by their full location (e.g. "memory:///t/_delta_log/x").
/// Locations are opaque strings; the "directory" of a location is everything up to and
/// including its last '/'. A directory exists while some file lies (at any depth) below it.
class MemoryFileSystem final : public FileSystem {
 public:
  /// Modification times default to the wall clock at write time (see SetClock).
  MemoryFileSystem();

  Result<std::vector<FileInfo>> ListFrom(std::string_view start) override;
  Result<std::vector<FileInfo>> ListRecursive(
      std::string_view dir, const std::function<bool(std::string_view)>& skip_dir = {}) override;
  Result<std::string> ReadFile(std::string_view location) override;
  /// Bytes past the end of the file are not returned (a short or empty read).
  Result<std::string> ReadRange(std::string_view location, int64_t offset, int64_t length) override;
  Result<FileInfo> Head(std::string_view location) override;
  /// The bytes wait in the stream; Close() publishes them under the lock, so of racing
  /// creators of one name exactly one wins.
  Result<std::unique_ptr<OutputStream>> OpenForCreate(std::string_view location) override;
  Status Write(std::string_view location, std::string_view data) override;
  Status Delete(std::string_view location) override;

  /// Sets the modification time of an existing file; NotFound if it does not exist.
  Status SetModificationTime(std::string_view location, int64_t modification_time_ms);
  /// Replaces the clock stamping new writes (milliseconds since the epoch).
  void SetClock(std::function<int64_t()> now_ms);
  /// Every stored location, sorted.
  std::vector<std::string> Locations() const;

 private:
  struct Entry {
    std::shared_ptr<const std::string> data;
    int64_t modification_time_ms = 0;
  };
  class CreateStream;
  int64_t Now() const;
  // Adds `data` as a new file unless `location` is taken (AlreadyExists).
  Status CreateIfAbsent(std::string location, std::string data);

  mutable std::shared_mutex mu_;
  std::map<std::string, Entry, std::less<>> files_;
  std::function<int64_t()> clock_;
};

}  // namespace delta
