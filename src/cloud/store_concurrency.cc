#include "cloud/store_concurrency.h"

#include <algorithm>
#include <charconv>
#include <string>

#include "cloud/store_factory.h"

namespace delta::cloud {

Result<int> ObjectStoreConcurrency(const StorageOptions& options, int io_concurrency) {
  std::string from;
  std::string value = LookupOption(options, "OBJECT_STORE_CONCURRENCY_LIMIT", &from);
  if (value.empty()) return std::max(io_concurrency, kDefaultObjectStoreConcurrency);
  int n = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (ec != std::errc() || end != value.data() + value.size() || n < 1) {
    return Status::InvalidArgument(from + " must be a whole number >= 1, got '" + value + "'");
  }
  return n;
}

}  // namespace delta::cloud
