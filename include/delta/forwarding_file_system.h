// A FileSystem that passes each call to another, to derive wrappers from (fault injection,
// counting, access rules) that restate only the calls they change, as LevelDB's EnvWrapper.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "delta/file_system.h"

namespace delta {

/// Forwards every call to `target`, except ReadFiles: the inherited default calls this
/// object's ReadFile for each location, so an overridden ReadFile sees every read.
class ForwardingFileSystem : public FileSystem {
 public:
  explicit ForwardingFileSystem(std::shared_ptr<FileSystem> target) : target_(std::move(target)) {}

  Result<std::vector<FileInfo>> ListFrom(std::string_view start) override {
    return target_->ListFrom(start);
  }
  Result<std::vector<FileInfo>> ListPrefix(std::string_view prefix) override {
    return target_->ListPrefix(prefix);
  }
  Result<std::vector<FileInfo>> ListRecursive(
      std::string_view dir, const std::function<bool(std::string_view)>& skip_dir = {}) override {
    return target_->ListRecursive(dir, skip_dir);
  }
  Result<std::string> ReadFile(std::string_view location) override {
    return target_->ReadFile(location);
  }
  Result<std::string> ReadRange(std::string_view location, int64_t offset,
                                int64_t length) override {
    return target_->ReadRange(location, offset, length);
  }
  Result<FileInfo> Head(std::string_view location) override { return target_->Head(location); }
  Result<std::unique_ptr<OutputStream>> OpenForCreate(std::string_view location) override {
    return target_->OpenForCreate(location);
  }
  Status PutIfAbsent(std::string_view location, std::string_view data) override {
    return target_->PutIfAbsent(location, data);
  }
  Status Write(std::string_view location, std::string_view data) override {
    return target_->Write(location, data);
  }
  Status Delete(std::string_view location) override { return target_->Delete(location); }
  Status DeleteMany(std::span<const std::string> locations) override {
    return target_->DeleteMany(locations);
  }

 protected:
  FileSystem& target() const { return *target_; }
  const std::shared_ptr<FileSystem>& shared_target() const { return target_; }

 private:
  std::shared_ptr<FileSystem> target_;
};

}  // namespace delta
