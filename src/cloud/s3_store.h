// The S3 store's settings, read from storage options (delta-rs' keys) and the environment.
#pragma once

#include <string>

#include "cloud/object_store.h"

namespace delta::cloud {

struct S3Config {
  std::string bucket;
  std::string region;  ///< AWS_REGION, AWS_DEFAULT_REGION, else us-east-1
  std::string scheme;  ///< "https", or "http" when AWS_ALLOW_HTTP allows it
  std::string host;    ///< AWS_ENDPOINT_URL's host[:port], else s3.<region>.amazonaws.com
  /// bucket.host/key (AWS's default) rather than host/bucket/key (the default with an
  /// endpoint); AWS_S3_ADDRESSING_STYLE=virtual|path decides.
  bool virtual_hosted = false;
  bool skip_signature = false;  ///< AWS_SKIP_SIGNATURE: anonymous requests
  RetryPolicy retry;
};

/// InvalidArgument naming a malformed option (an endpoint that is not http(s)://, plain HTTP
/// without AWS_ALLOW_HTTP, an unknown addressing style).
Result<S3Config> S3ConfigFromOptions(const StoreLocation& location, const StorageOptions& options);

}  // namespace delta::cloud
