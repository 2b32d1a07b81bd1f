// One bucket or container of an object store (S3, Azure Blob, GCS), addressed by keys. The
// generic FileSystem adapter (object_store_file_system.h) maps URIs onto it; each store
// implements only these few calls, with its own signing, listing and conditional create.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cloud/http_client.h"
#include "delta/status.h"

namespace delta::cloud {

/// Settings keyed as delta-rs' storage options (AWS_ACCESS_KEY_ID, AZURE_STORAGE_ACCOUNT_NAME,
/// GOOGLE_SERVICE_ACCOUNT, ...). Keys are matched case-insensitively; stores fall back to their
/// cloud's standard environment variables for keys not given.
using StorageOptions = std::map<std::string, std::string>;

/// An object-store location split into its parts.
struct StoreLocation {
  std::string scheme;   ///< "s3", "s3a", "az", "abfs", "abfss", "gs"
  std::string bucket;   ///< S3/GCS bucket or Azure container
  std::string account;  ///< Azure storage account when the URI names one (abfss://c@acct...)
  std::string key;      ///< object key or prefix, no leading '/', decoded
};

/// Parses "s3://bucket/key", "s3a://...", "gs://bucket/key", "az://container/key",
/// "abfs[s]://container@account.dfs.core.windows.net/key" (also blob.core.windows.net), and
/// "azure://container/key". InvalidArgument naming the location otherwise.
Result<StoreLocation> ParseStoreLocation(std::string_view location);

struct ObjectMeta {
  std::string key;  ///< full key within the bucket
  int64_t size = 0;
  int64_t modification_time_ms = 0;  ///< since the Unix epoch
};

/// Retries with exponential backoff and jitter for throttling (429, 503 SlowDown) and
/// transient errors (500, 502, 504, transport failures), within a bound of tries and time.
struct RetryPolicy {
  int max_attempts = 6;
  std::chrono::milliseconds initial_backoff{50};
  std::chrono::milliseconds max_backoff{2000};
  std::chrono::milliseconds max_total{20000};
};

class MultipartUpload;

enum class PutMode {
  kOverwrite,  ///< replace whatever is there
  kCreate,     ///< put-if-absent: AlreadyExists when the key exists (atomic on the server)
};

/// Errors name the store, bucket and key (e.g. "s3 bucket 'b' key '_delta_log/0.json'"):
/// missing key NotFound; bad credentials PermissionDenied naming the credential source tried;
/// a missing bucket NotFound naming the bucket. Thread-safe.
class ObjectStore {
 public:
  virtual ~ObjectStore() = default;

  /// "s3 bucket 'name'" and the like, for messages.
  virtual std::string Describe() const = 0;

  /// Objects whose keys start with `prefix` and sort strictly after `start_after` (empty: from
  /// the start), in byte order, all pages followed. With `recursive` false, keys with a '/'
  /// after the prefix are left out (a delimiter listing); with true, every depth is listed.
  /// Uses the store's own start-after (S3 start-after, GCS startOffset, Azure marker/prefix)
  /// so a listing from a late version never pages through the whole log.
  virtual Result<std::vector<ObjectMeta>> List(std::string_view prefix,
                                               std::string_view start_after, bool recursive) = 0;

  /// The object's bytes, or `length` bytes at `offset` (cut at the end) when length >= 0.
  virtual Result<std::string> Get(std::string_view key, int64_t offset = 0,
                                  int64_t length = -1) = 0;

  virtual Result<ObjectMeta> Head(std::string_view key) = 0;

  /// Writes the object. kCreate is the commit primitive: of racing creators exactly one gets OK.
  /// A create whose response was lost and retried may find its own object: the caller (the
  /// transaction's txnId check) resolves that, never a second blind write.
  virtual Status Put(std::string_view key, std::string_view data, PutMode mode) = 0;

  /// Deletes the object; a missing one is OK.
  virtual Status Delete(std::string_view key) = 0;

  /// Deletes many (the store's bulk call where it has one). Default: one at a time.
  virtual Status DeleteMany(const std::vector<std::string>& keys);

  /// Starts writing `key` in parts (multipart_upload.h); nothing is visible until the upload
  /// completes. Default: Unsupported (streams then buffer the whole file and PUT it once).
  virtual Result<std::unique_ptr<MultipartUpload>> StartUpload(std::string_view key);

  /// Whether kCreate is enforced by the server. A store that cannot is refused for commits
  /// unless the user opted into the unsafe mode (option DELTA_UNSAFE_RENAME / similar).
  virtual bool SupportsConditionalCreate() const { return true; }
};

/// Store factories: each reads the options it knows (and its cloud's environment variables),
/// and fails with InvalidArgument naming a malformed option.
Result<std::shared_ptr<ObjectStore>> MakeS3Store(const StoreLocation& location,
                                                 const StorageOptions& options,
                                                 std::shared_ptr<HttpClient> http);
Result<std::shared_ptr<ObjectStore>> MakeAzureStore(const StoreLocation& location,
                                                    const StorageOptions& options,
                                                    std::shared_ptr<HttpClient> http);
Result<std::shared_ptr<ObjectStore>> MakeGcsStore(const StoreLocation& location,
                                                  const StorageOptions& options,
                                                  std::shared_ptr<HttpClient> http);

}  // namespace delta::cloud
