#include "cloud/object_store_file_system.h"

#include <algorithm>

#include "cloud/multipart_output_stream.h"
#include "protocol/uri.h"
#include "util/parallel.h"
#include "util/thread_pool.h"

namespace delta::cloud {

namespace {

// The part of `key` up to and including its last '/' (empty at the top).
std::string_view DirOf(std::string_view key) {
  size_t slash = key.rfind('/');
  return slash == std::string_view::npos ? std::string_view() : key.substr(0, slash + 1);
}

// A key that sorts before `key` and after nothing else that could be >= it except keys
// starting with it: `key` without its last (UTF-8) character. Stores take start-after
// strictly, ListFrom wants `key` itself included.
std::string_view Predecessor(std::string_view key) {
  if (key.empty()) return key;
  size_t n = key.size() - 1;
  while (n > 0 && (static_cast<unsigned char>(key[n]) & 0xC0) == 0x80) --n;
  return key.substr(0, n);
}

}  // namespace

ObjectStoreFileSystem::ObjectStoreFileSystem(std::shared_ptr<ObjectStore> store,
                                             std::string uri_prefix, int io_concurrency,
                                             bool allow_unsafe_create, UploadOptions uploads)
    : store_(std::move(store)),
      uri_prefix_(std::move(uri_prefix)),
      io_concurrency_(std::max(1, io_concurrency)),
      allow_unsafe_create_(allow_unsafe_create),
      uploads_(uploads) {
  // ParallelFor lets the calling thread take reads too, so the pool needs one thread fewer.
  if (io_concurrency_ > 1) io_pool_ = std::make_unique<ThreadPool>(io_concurrency_ - 1);
  while (uri_prefix_.ends_with('/')) uri_prefix_.pop_back();
}

ObjectStoreFileSystem::~ObjectStoreFileSystem() = default;

Result<std::string> ObjectStoreFileSystem::KeyOf(std::string_view location) const {
  if (location.size() < uri_prefix_.size() + 1 || !location.starts_with(uri_prefix_) ||
      location[uri_prefix_.size()] != '/') {
    return Status::InvalidArgument("location '" + std::string(location) + "' is not in " +
                                   store_->Describe());
  }
  std::string_view path = location.substr(uri_prefix_.size() + 1);
  while (path.starts_with('/')) path.remove_prefix(1);
  return PercentDecode(path);
}

FileInfo ObjectStoreFileSystem::ToFileInfo(const ObjectMeta& meta) const {
  return FileInfo{uri_prefix_ + "/" + PercentEncodePath(meta.key), meta.size,
                  meta.modification_time_ms};
}

Result<std::vector<FileInfo>> ObjectStoreFileSystem::ListFrom(std::string_view start) {
  DELTA_ASSIGN_OR_RETURN(std::string key, KeyOf(start));
  std::string_view dir = DirOf(key);
  DELTA_ASSIGN_OR_RETURN(std::vector<ObjectMeta> listed,
                         store_->List(dir, key.size() > dir.size() ? Predecessor(key) : "",
                                      /*recursive=*/false));
  std::vector<FileInfo> out;
  out.reserve(listed.size());
  for (const ObjectMeta& meta : listed) {
    if (meta.key < key || meta.key.ends_with('/')) continue;
    out.push_back(ToFileInfo(meta));
  }
  return out;
}

Result<std::vector<FileInfo>> ObjectStoreFileSystem::ListPrefix(std::string_view prefix) {
  DELTA_ASSIGN_OR_RETURN(std::string key, KeyOf(prefix));
  DELTA_ASSIGN_OR_RETURN(std::vector<ObjectMeta> listed, store_->List(key, "", false));
  std::vector<FileInfo> out;
  out.reserve(listed.size());
  for (const ObjectMeta& meta : listed) {
    if (!meta.key.ends_with('/')) out.push_back(ToFileInfo(meta));
  }
  return out;
}

Result<std::vector<FileInfo>> ObjectStoreFileSystem::ListRecursive(
    std::string_view dir, const std::function<bool(std::string_view)>& skip_dir) {
  DELTA_ASSIGN_OR_RETURN(std::string key, KeyOf(dir));
  if (!key.empty() && !key.ends_with('/')) key += '/';
  DELTA_ASSIGN_OR_RETURN(std::vector<ObjectMeta> listed, store_->List(key, "", true));
  std::vector<FileInfo> out;
  out.reserve(listed.size());
  for (const ObjectMeta& meta : listed) {
    if (meta.key.ends_with('/')) continue;
    std::string_view rest = std::string_view(meta.key).substr(key.size());
    bool skipped = false;
    // Every directory between `dir` and the object, outermost first.
    for (size_t slash; !skipped && (slash = rest.find('/')) != std::string_view::npos;) {
      skipped = skip_dir && skip_dir(rest.substr(0, slash));
      rest.remove_prefix(slash + 1);
    }
    if (!skipped) out.push_back(ToFileInfo(meta));
  }
  return out;
}

Result<std::string> ObjectStoreFileSystem::ReadFile(std::string_view location) {
  DELTA_ASSIGN_OR_RETURN(std::string key, KeyOf(location));
  return store_->Get(key);
}

Result<std::string> ObjectStoreFileSystem::ReadRange(std::string_view location, int64_t offset,
                                                     int64_t length) {
  if (offset < 0 || length < 0) {
    return Status::InvalidArgument("reading '" + std::string(location) +
                                   "': negative offset or length");
  }
  if (length == 0) return std::string();
  DELTA_ASSIGN_OR_RETURN(std::string key, KeyOf(location));
  return store_->Get(key, offset, length);
}

void ObjectStoreFileSystem::ReadFiles(
    std::span<const std::string> locations,
    const std::function<void(size_t, Result<std::string>)>& on_done) {
  ParallelFor(io_pool_.get(), locations.size(), [&](size_t i) {
    Result<std::string> bytes = Status::Internal("unset");
    try {
      bytes = ReadFile(locations[i]);
    } catch (const std::bad_alloc&) {
      bytes = Status::ResourceExhausted("out of memory reading '" + locations[i] + "'");
    }
    on_done(i, std::move(bytes));
  });
}

Result<FileInfo> ObjectStoreFileSystem::Head(std::string_view location) {
  DELTA_ASSIGN_OR_RETURN(std::string key, KeyOf(location));
  DELTA_ASSIGN_OR_RETURN(ObjectMeta meta, store_->Head(key));
  return ToFileInfo(meta);
}

Result<std::unique_ptr<OutputStream>> ObjectStoreFileSystem::OpenForCreate(
    std::string_view location) {
  DELTA_ASSIGN_OR_RETURN(std::string key, KeyOf(location));
  // A commit is the atomicity primitive: one conditional PUT, whatever its size.
  if (key.find("_delta_log/") != std::string::npos && key.ends_with(".json")) {
    return FileSystem::OpenForCreate(location);
  }
  if (!store_->SupportsConditionalCreate() && !allow_unsafe_create_) {
    return PutIfAbsent(location, {});  // the refusal, naming the store and the location
  }
  PutMode mode = store_->SupportsConditionalCreate() ? PutMode::kCreate : PutMode::kOverwrite;
  std::string where(location);
  return std::unique_ptr<OutputStream>(std::make_unique<MultipartOutputStream>(
      store_, std::move(key), mode, uploads_,
      [this, where](std::string_view data) { return PutIfAbsent(where, data); }));
}

Status ObjectStoreFileSystem::PutIfAbsent(std::string_view location, std::string_view data) {
  DELTA_ASSIGN_OR_RETURN(std::string key, KeyOf(location));
  if (!store_->SupportsConditionalCreate() && !allow_unsafe_create_) {
    return Status::Unsupported(store_->Describe() +
                               " cannot create objects conditionally, so commits there are not "
                               "atomic; refusing to write '" +
                               std::string(location) + "'");
  }
  PutMode mode = store_->SupportsConditionalCreate() ? PutMode::kCreate : PutMode::kOverwrite;
  Status st = store_->Put(key, data, mode);
  if (st.detail_kind() == ErrorDetailKind::kAlreadyExists) {
    // The kernel's callers match on the location they asked for.
    return Status::AlreadyExists(st.message(), std::string(location));
  }
  return st;
}

Status ObjectStoreFileSystem::Write(std::string_view location, std::string_view data) {
  DELTA_ASSIGN_OR_RETURN(std::string key, KeyOf(location));
  return store_->Put(key, data, PutMode::kOverwrite);
}

Status ObjectStoreFileSystem::Delete(std::string_view location) {
  DELTA_ASSIGN_OR_RETURN(std::string key, KeyOf(location));
  return store_->Delete(key);
}

Status ObjectStoreFileSystem::DeleteMany(std::span<const std::string> locations) {
  std::vector<std::string> keys;
  keys.reserve(locations.size());
  for (const std::string& location : locations) {
    DELTA_ASSIGN_OR_RETURN(std::string key, KeyOf(location));
    keys.push_back(std::move(key));
  }
  return store_->DeleteMany(keys);
}

}  // namespace delta::cloud
