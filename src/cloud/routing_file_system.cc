#include "cloud/routing_file_system.h"

#include "cloud/object_store_file_system.h"
#include "cloud/store_concurrency.h"
#include "cloud/store_factory.h"

namespace delta::cloud {

RoutingFileSystem::RoutingFileSystem(std::shared_ptr<FileSystem> local, StorageOptions options,
                                     int io_concurrency, std::shared_ptr<HttpClient> http)
    : local_(std::move(local)),
      options_(std::move(options)),
      io_concurrency_(io_concurrency),
      http_(std::move(http)) {}

Result<FileSystem*> RoutingFileSystem::Route(std::string_view location) {
  if (!IsObjectStoreScheme(location)) return local_.get();
  std::string prefix = StoreUriPrefix(location);
  std::lock_guard lock(mu_);
  if (auto it = stores_.find(prefix); it != stores_.end()) return it->second.get();
  DELTA_ASSIGN_OR_RETURN(StoreLocation parsed, ParseStoreLocation(location));
  if (http_ == nullptr) {
    DELTA_ASSIGN_OR_RETURN(HttpClientOptions http_options, HttpClientOptionsFrom(options_));
    DELTA_ASSIGN_OR_RETURN(http_, MakeCurlHttpClient(std::move(http_options)));
  }
  DELTA_ASSIGN_OR_RETURN(std::shared_ptr<ObjectStore> store,
                         MakeObjectStore(parsed, options_, http_));
  std::string from;
  std::string unsafe = LookupOption(options_, "AWS_S3_ALLOW_UNSAFE_RENAME", &from);
  DELTA_ASSIGN_OR_RETURN(bool allow_unsafe,
                         ParseBoolOption("AWS_S3_ALLOW_UNSAFE_RENAME", unsafe, false));
  DELTA_ASSIGN_OR_RETURN(int in_flight, ObjectStoreConcurrency(options_, io_concurrency_));
  auto fs =
      std::make_unique<ObjectStoreFileSystem>(std::move(store), prefix, in_flight, allow_unsafe);
  FileSystem* out = fs.get();
  stores_.emplace(std::move(prefix), std::move(fs));
  return out;
}

int RoutingFileSystem::ConcurrencyFor(std::string_view location) {
  Result<FileSystem*> fs = Route(location);
  return fs.ok() ? (*fs)->max_concurrency() : io_concurrency_;
}

Result<std::vector<FileInfo>> RoutingFileSystem::ListFrom(std::string_view start) {
  DELTA_ASSIGN_OR_RETURN(FileSystem * fs, Route(start));
  return fs->ListFrom(start);
}

Result<std::vector<FileInfo>> RoutingFileSystem::ListPrefix(std::string_view prefix) {
  DELTA_ASSIGN_OR_RETURN(FileSystem * fs, Route(prefix));
  return fs->ListPrefix(prefix);
}

Result<std::vector<FileInfo>> RoutingFileSystem::ListRecursive(
    std::string_view dir, const std::function<bool(std::string_view)>& skip_dir) {
  DELTA_ASSIGN_OR_RETURN(FileSystem * fs, Route(dir));
  return fs->ListRecursive(dir, skip_dir);
}

Result<std::string> RoutingFileSystem::ReadFile(std::string_view location) {
  DELTA_ASSIGN_OR_RETURN(FileSystem * fs, Route(location));
  return fs->ReadFile(location);
}

Result<std::string> RoutingFileSystem::ReadRange(std::string_view location, int64_t offset,
                                                 int64_t length) {
  DELTA_ASSIGN_OR_RETURN(FileSystem * fs, Route(location));
  return fs->ReadRange(location, offset, length);
}

void RoutingFileSystem::ReadFiles(std::span<const std::string> locations,
                                  const std::function<void(size_t, Result<std::string>)>& on_done) {
  // Grouped by target, each group read by its own file system with its own concurrency.
  std::map<FileSystem*, std::vector<size_t>> groups;
  for (size_t i = 0; i < locations.size(); ++i) {
    Result<FileSystem*> fs = Route(locations[i]);
    if (!fs.ok()) {
      on_done(i, fs.status());
      continue;
    }
    groups[*fs].push_back(i);
  }
  for (auto& [fs, indices] : groups) {
    std::vector<std::string> group;
    group.reserve(indices.size());
    for (size_t i : indices) group.push_back(locations[i]);
    fs->ReadFiles(group,
                  [&](size_t j, Result<std::string> r) { on_done(indices[j], std::move(r)); });
  }
}

Result<FileInfo> RoutingFileSystem::Head(std::string_view location) {
  DELTA_ASSIGN_OR_RETURN(FileSystem * fs, Route(location));
  return fs->Head(location);
}

Result<std::unique_ptr<OutputStream>> RoutingFileSystem::OpenForCreate(std::string_view location) {
  DELTA_ASSIGN_OR_RETURN(FileSystem * fs, Route(location));
  return fs->OpenForCreate(location);
}

Status RoutingFileSystem::PutIfAbsent(std::string_view location, std::string_view data) {
  DELTA_ASSIGN_OR_RETURN(FileSystem * fs, Route(location));
  return fs->PutIfAbsent(location, data);
}

Status RoutingFileSystem::Write(std::string_view location, std::string_view data) {
  DELTA_ASSIGN_OR_RETURN(FileSystem * fs, Route(location));
  return fs->Write(location, data);
}

Status RoutingFileSystem::Delete(std::string_view location) {
  DELTA_ASSIGN_OR_RETURN(FileSystem * fs, Route(location));
  return fs->Delete(location);
}

Status RoutingFileSystem::DeleteMany(std::span<const std::string> locations) {
  // Runs of locations on one file system go to it in one call (a bulk delete there).
  size_t begin = 0;
  while (begin < locations.size()) {
    DELTA_ASSIGN_OR_RETURN(FileSystem * fs, Route(locations[begin]));
    size_t end = begin + 1;
    while (end < locations.size()) {
      Result<FileSystem*> next = Route(locations[end]);
      if (!next.ok() || *next != fs) break;
      ++end;
    }
    DELTA_RETURN_NOT_OK(fs->DeleteMany(locations.subspan(begin, end - begin)));
    begin = end;
  }
  return Status::OK();
}

}  // namespace delta::cloud
