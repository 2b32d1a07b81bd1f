// delta::FileSystem over one ObjectStore (one bucket or container): URIs in, keys out.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "cloud/multipart_upload.h"
#include "cloud/object_store.h"
#include "delta/file_system.h"

namespace delta {
class ThreadPool;
}

namespace delta::cloud {

/// Serves the locations "<uri_prefix>/<percent-encoded key>" (uri_prefix such as "s3://bucket"
/// or "abfss://c@acct.dfs.core.windows.net") from `store`. Locations it returns are spelled
/// the same way, with keys encoded as the local engine encodes paths (every byte but the
/// unreserved ones and '/' as %XX). Listings use the store's start-after, so ListFrom from a
/// late version never pages through a long log. Objects are never directories: a missing
/// "directory" lists as empty.
class ObjectStoreFileSystem final : public FileSystem {
 public:
  /// ReadFiles keeps `io_concurrency` requests in flight. `allow_unsafe_create`: let commits
  /// through on a store that cannot create conditionally (the user's explicit opt-in).
  /// `uploads`: how files written through OpenForCreate are cut into parts.
  ObjectStoreFileSystem(std::shared_ptr<ObjectStore> store, std::string uri_prefix,
                        int io_concurrency, bool allow_unsafe_create = false,
                        UploadOptions uploads = {});
  ~ObjectStoreFileSystem() override;

  Result<std::vector<FileInfo>> ListFrom(std::string_view start) override;
  Result<std::vector<FileInfo>> ListPrefix(std::string_view prefix) override;
  Result<std::vector<FileInfo>> ListRecursive(
      std::string_view dir, const std::function<bool(std::string_view)>& skip_dir = {}) override;
  Result<std::string> ReadFile(std::string_view location) override;
  Result<std::string> ReadRange(std::string_view location, int64_t offset, int64_t length) override;
  void ReadFiles(std::span<const std::string> locations,
                 const std::function<void(size_t, Result<std::string>)>& on_done) override;
  Result<FileInfo> Head(std::string_view location) override;
  /// Streams files larger than one part as a multipart upload (commits excepted: a
  /// `_delta_log/*.json` is always one conditional PUT).
  Result<std::unique_ptr<OutputStream>> OpenForCreate(std::string_view location) override;
  Status PutIfAbsent(std::string_view location, std::string_view data) override;
  Status Write(std::string_view location, std::string_view data) override;
  Status Delete(std::string_view location) override;
  Status DeleteMany(std::span<const std::string> locations) override;
  int max_concurrency() const override { return io_concurrency_; }

  ObjectStore& store() { return *store_; }

 private:
  // The decoded key of `location`; InvalidArgument when it lies outside this store.
  Result<std::string> KeyOf(std::string_view location) const;
  FileInfo ToFileInfo(const ObjectMeta& meta) const;

  std::shared_ptr<ObjectStore> store_;
  std::string uri_prefix_;
  int io_concurrency_;
  bool allow_unsafe_create_;
  UploadOptions uploads_;
  std::unique_ptr<ThreadPool> io_pool_;
};

}  // namespace delta::cloud
