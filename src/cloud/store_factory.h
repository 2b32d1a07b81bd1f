// Which ObjectStore serves a location: the one place that maps schemes to store kinds.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "cloud/object_store.h"

namespace delta::cloud {

/// True for the schemes of object stores (s3, s3a, gs, az, azure, abfs, abfss), any case.
bool IsObjectStoreScheme(std::string_view location);

/// "s3://bucket" for "s3://bucket/t/x": the location up to its bucket (or container and
/// account), as spelled, scheme in lower case. Locations of one store share it.
std::string StoreUriPrefix(std::string_view location);

/// The store for `location`'s bucket or container, configured from `options`.
Result<std::shared_ptr<ObjectStore>> MakeObjectStore(const StoreLocation& location,
                                                     const StorageOptions& options,
                                                     std::shared_ptr<HttpClient> http);

/// The HTTP client's settings from the storage options: the CA bundle (options ca_bundle,
/// DELTA_CA_BUNDLE, AWS_CA_BUNDLE, else those environment variables but ca_bundle), the same
/// for every store. InvalidArgument naming the option and the file when it cannot be read.
Result<HttpClientOptions> HttpClientOptionsFrom(const StorageOptions& options);

/// The value of option `key` (case-insensitive), else the environment variable `key`, else
/// empty; `from` (if given) is set to where it was found ("storage option X" / "environment
/// variable X").
std::string LookupOption(const StorageOptions& options, std::string_view key,
                         std::string* from = nullptr);

/// Parses a boolean option ("true"/"false"/"1"/"0"/"yes"/"no", any case; empty = `fallback`).
Result<bool> ParseBoolOption(std::string_view key, std::string_view value, bool fallback);

}  // namespace delta::cloud
