// The default engine's storage: local files through the local engine, object-store URIs
// through stores made on first use, one per bucket or container.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "cloud/object_store.h"
#include "delta/file_system.h"

namespace delta::cloud {

/// Routes every call by its location's scheme: "s3://", "s3a://", "gs://", "az://",
/// "azure://", "abfs[s]://" to an ObjectStoreFileSystem per bucket (made lazily from
/// `options`; a failure to make one is that call's error, and the next call tries again),
/// everything else to `local`. A store keeps ObjectStoreConcurrency(options, io_concurrency)
/// requests in flight (store_concurrency.h); local storage io_concurrency.
class RoutingFileSystem final : public FileSystem {
 public:
  /// `http`: the client the stores share; null = the libcurl client, loaded on first use.
  RoutingFileSystem(std::shared_ptr<FileSystem> local, StorageOptions options, int io_concurrency,
                    std::shared_ptr<HttpClient> http = nullptr);

  /// The file system that serves `location`.
  Result<FileSystem*> Route(std::string_view location);

  /// Requests kept in flight for `location`: its store's, or io_concurrency for local files
  /// (and for a store that cannot be made: that error comes with the first request).
  int ConcurrencyFor(std::string_view location);

  Result<std::vector<FileInfo>> ListFrom(std::string_view start) override;
  Result<std::vector<FileInfo>> ListPrefix(std::string_view prefix) override;
  Result<std::vector<FileInfo>> ListRecursive(
      std::string_view dir, const std::function<bool(std::string_view)>& skip_dir = {}) override;
  Result<std::string> ReadFile(std::string_view location) override;
  Result<std::string> ReadRange(std::string_view location, int64_t offset, int64_t length) override;
  void ReadFiles(std::span<const std::string> locations,
                 const std::function<void(size_t, Result<std::string>)>& on_done) override;
  Result<FileInfo> Head(std::string_view location) override;
  Result<std::unique_ptr<OutputStream>> OpenForCreate(std::string_view location) override;
  Status PutIfAbsent(std::string_view location, std::string_view data) override;
  Status Write(std::string_view location, std::string_view data) override;
  Status Delete(std::string_view location) override;
  Status DeleteMany(std::span<const std::string> locations) override;
  int max_concurrency() const override { return io_concurrency_; }

 private:
  std::shared_ptr<FileSystem> local_;
  StorageOptions options_;
  int io_concurrency_;
  std::mutex mu_;
  std::shared_ptr<HttpClient> http_;                           // guarded by mu_
  std::map<std::string, std::unique_ptr<FileSystem>> stores_;  // by StoreUriPrefix; mu_
};

}  // namespace delta::cloud
