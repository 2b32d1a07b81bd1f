#include "delta/memory_file_system.h"

#include <algorithm>
#include <mutex>
#include <utility>

#include "storage/buffered_output_stream.h"
#include "util/clock.h"
#include "util/task_guard.h"

namespace delta {

namespace {

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

}  // namespace

MemoryFileSystem::MemoryFileSystem() : clock_(WallClockMillis) {}

int64_t MemoryFileSystem::Now() const { return clock_(); }

void MemoryFileSystem::SetClock(std::function<int64_t()> now_ms) {
  std::unique_lock lock(mu_);
  clock_ = std::move(now_ms);
}

Result<std::vector<FileInfo>> MemoryFileSystem::ListFrom(std::string_view start) {
  size_t slash = start.rfind('/');
  std::string_view dir =
      slash == std::string_view::npos ? std::string_view{} : start.substr(0, slash + 1);
  std::shared_lock lock(mu_);
  auto dir_it = files_.lower_bound(dir);
  if (dir_it == files_.end() || !StartsWith(dir_it->first, dir)) {
    return Status::NotFound("directory not found: " + std::string(dir));
  }
  std::vector<FileInfo> out;
  // Keys are sorted, so everything from `start` onwards that shares the directory prefix is a
  // candidate; keys with a further '/' are in subdirectories and are skipped.
  for (auto it = files_.lower_bound(start); it != files_.end(); ++it) {
    std::string_view key = it->first;
    if (!StartsWith(key, dir)) break;
    if (key.find('/', dir.size()) != std::string_view::npos) continue;
    out.push_back(FileInfo{it->first, static_cast<int64_t>(it->second.data->size()),
                           it->second.modification_time_ms});
  }
  return out;
}

Result<std::vector<FileInfo>> MemoryFileSystem::ListRecursive(
    std::string_view dir, const std::function<bool(std::string_view)>& skip_dir) {
  std::string prefix(dir);
  if (prefix.empty() || prefix.back() != '/') prefix.push_back('/');
  std::shared_lock lock(mu_);
  std::vector<FileInfo> out;
  for (auto it = files_.lower_bound(prefix); it != files_.end(); ++it) {
    std::string_view key = it->first;
    if (!StartsWith(key, prefix)) break;
    // Directories are the path components between the prefix and the file name.
    bool skipped = false;
    size_t begin = prefix.size();
    for (size_t slash = key.find('/', begin); slash != std::string_view::npos && !skipped;
         begin = slash + 1, slash = key.find('/', begin)) {
      skipped = skip_dir && skip_dir(key.substr(begin, slash - begin));
    }
    if (skipped) continue;
    out.push_back(FileInfo{it->first, static_cast<int64_t>(it->second.data->size()),
                           it->second.modification_time_ms});
  }
  return out;
}

Result<std::string> MemoryFileSystem::ReadFile(std::string_view location) {
  std::shared_ptr<const std::string> data;
  {
    std::shared_lock lock(mu_);
    auto it = files_.find(location);
    if (it == files_.end()) return Status::NotFound("file not found: " + std::string(location));
    data = it->second.data;
  }
  return *data;
}

Result<std::string> MemoryFileSystem::ReadRange(std::string_view location, int64_t offset,
                                                int64_t length) {
  if (offset < 0 || length < 0) {
    return Status::InvalidArgument("negative range " + std::to_string(offset) + "+" +
                                   std::to_string(length) + " of " + std::string(location));
  }
  std::shared_ptr<const std::string> data;
  {
    std::shared_lock lock(mu_);
    auto it = files_.find(location);
    if (it == files_.end()) return Status::NotFound("file not found: " + std::string(location));
    data = it->second.data;
  }
  auto size = static_cast<int64_t>(data->size());
  if (offset >= size) return std::string();
  return data->substr(static_cast<size_t>(offset),
                      static_cast<size_t>(std::min(length, size - offset)));
}

Result<FileInfo> MemoryFileSystem::Head(std::string_view location) {
  std::shared_lock lock(mu_);
  auto it = files_.find(location);
  if (it == files_.end()) return Status::NotFound("file not found: " + std::string(location));
  return FileInfo{it->first, static_cast<int64_t>(it->second.data->size()),
                  it->second.modification_time_ms};
}

class MemoryFileSystem::CreateStream final : public BufferedOutputStream {
 public:
  CreateStream(MemoryFileSystem& fs, std::string location)
      : BufferedOutputStream(std::move(location)), fs_(fs) {}

 private:
  Status Publish(std::string data) override {
    return fs_.CreateIfAbsent(location(), std::move(data));
  }

  MemoryFileSystem& fs_;
};

Result<std::unique_ptr<OutputStream>> MemoryFileSystem::OpenForCreate(std::string_view location) {
  return CatchAsStatus("creating", location, [&]() -> Result<std::unique_ptr<OutputStream>> {
    return std::unique_ptr<OutputStream>(
        std::make_unique<CreateStream>(*this, std::string(location)));
  });
}

Status MemoryFileSystem::CreateIfAbsent(std::string location, std::string data) {
  auto bytes = std::make_shared<const std::string>(std::move(data));
  std::unique_lock lock(mu_);
  if (files_.contains(location)) {
    std::string msg = "file already exists: " + location;
    return Status::AlreadyExists(std::move(msg), std::move(location));
  }
  files_.emplace(std::move(location), Entry{std::move(bytes), Now()});
  return Status::OK();
}

Status MemoryFileSystem::Write(std::string_view location, std::string_view data) {
  auto bytes = std::make_shared<const std::string>(data);
  std::unique_lock lock(mu_);
  files_.insert_or_assign(std::string(location), Entry{std::move(bytes), Now()});
  return Status::OK();
}

Status MemoryFileSystem::Delete(std::string_view location) {
  std::unique_lock lock(mu_);
  auto it = files_.find(location);
  if (it != files_.end()) files_.erase(it);
  return Status::OK();
}

Status MemoryFileSystem::SetModificationTime(std::string_view location,
                                             int64_t modification_time_ms) {
  std::unique_lock lock(mu_);
  auto it = files_.find(location);
  if (it == files_.end()) return Status::NotFound("file not found: " + std::string(location));
  it->second.modification_time_ms = modification_time_ms;
  return Status::OK();
}

std::vector<std::string> MemoryFileSystem::Locations() const {
  std::shared_lock lock(mu_);
  std::vector<std::string> out;
  out.reserve(files_.size());
  for (const auto& [key, entry] : files_) out.push_back(key);
  return out;
}

}  // namespace delta
