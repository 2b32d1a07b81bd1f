#include "cloud/multipart_upload.h"

#include <charconv>

#include "cloud/store_factory.h"

namespace delta::cloud {

namespace {

// The option `key` as a whole number >= `min`, or `fallback` when not given.
Result<int64_t> WholeOption(const StorageOptions& options, std::string_view key, int64_t min,
                            int64_t fallback) {
  std::string from;
  std::string value = LookupOption(options, key, &from);
  if (value.empty()) return fallback;
  int64_t n = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (ec != std::errc() || end != value.data() + value.size() || n < min) {
    return Status::InvalidArgument(from + " must be a whole number >= " + std::to_string(min) +
                                   ", got '" + value + "'");
  }
  return n;
}

}  // namespace

Result<UploadOptions> UploadOptionsFrom(const StorageOptions& options) {
  UploadOptions out;
  DELTA_ASSIGN_OR_RETURN(out.part_size,
                         WholeOption(options, "multipart_part_size", kMinPartSize, out.part_size));
  if (out.part_size % (256 << 10) != 0) {
    return Status::InvalidArgument(
        "storage option multipart_part_size must be a multiple of "
        "262144 (256 KiB), got " +
        std::to_string(out.part_size));
  }
  DELTA_ASSIGN_OR_RETURN(int64_t concurrency,
                         WholeOption(options, "multipart_concurrency", 1, out.concurrency));
  out.concurrency = static_cast<int>(std::min<int64_t>(concurrency, 64));
  return out;
}

}  // namespace delta::cloud
