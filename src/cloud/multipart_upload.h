// Large objects written in parts (S3 multipart upload, Azure blocks, GCS resumable upload), so
// a data file is never held in memory whole. Commits never go this way: they stay single
// conditional PUTs.
#pragma once

#include <cstdint>
#include <string_view>

#include "cloud/object_store.h"
#include "delta/status.h"

namespace delta::cloud {

/// One upload in progress. UploadPart may be called from several threads at once for
/// different parts; each part is retried on its own (repeating a part is idempotent).
/// Nothing is visible under the key until Complete succeeds.
class MultipartUpload {
 public:
  virtual ~MultipartUpload() = default;

  /// Uploads part `number` (1-based). Every part but the last is the same size. Errors name
  /// the store, the key and the part.
  virtual Status UploadPart(int number, std::string_view data) = 0;

  /// Publishes parts 1..`count` as the object. With PutMode::kCreate, AlreadyExists when the
  /// key exists and the store can check that (see docs/object-stores.md, "Uploads").
  virtual Status Complete(int count, PutMode mode) = 0;

  /// Discards the uploaded parts where the store can (best effort; the store's own expiry
  /// removes what is left otherwise).
  virtual Status Abort() = 0;
};

/// How files written through a stream are uploaded.
struct UploadOptions {
  /// Bytes per part (storage option multipart_part_size); a file smaller than one part is a
  /// single PUT.
  int64_t part_size = 8 << 20;
  /// Parts uploading at once (storage option multipart_concurrency).
  int concurrency = 4;
};

/// S3 (and GCS resumable uploads) need parts of at least 5 MiB but the last.
inline constexpr int64_t kMinPartSize = 5 << 20;

/// Options multipart_part_size (bytes, >= 5 MiB, a multiple of 256 KiB as GCS wants) and
/// multipart_concurrency (>= 1), else the environment variables of those names, else the
/// defaults. InvalidArgument naming the option otherwise.
Result<UploadOptions> UploadOptionsFrom(const StorageOptions& options);

}  // namespace delta::cloud
