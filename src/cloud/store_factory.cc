#include "cloud/store_factory.h"

#include <cstdlib>
#include <fstream>

#include "cloud/store_request.h"
#include "util/ascii.h"

namespace delta::cloud {

bool IsObjectStoreScheme(std::string_view location) {
  size_t sep = location.find("://");
  if (sep == std::string_view::npos) return false;
  std::string scheme = AsciiLower(location.substr(0, sep));
  return scheme == "s3" || scheme == "s3a" || scheme == "gs" || scheme == "az" ||
         scheme == "azure" || scheme == "abfs" || scheme == "abfss";
}

std::string StoreUriPrefix(std::string_view location) {
  size_t sep = location.find("://");
  if (sep == std::string_view::npos) return std::string(location);
  size_t end = location.find('/', sep + 3);
  std::string out = AsciiLower(location.substr(0, sep));
  out += location.substr(sep, end == std::string_view::npos ? location.npos : end - sep);
  return out;
}

Result<std::shared_ptr<ObjectStore>> MakeObjectStore(const StoreLocation& location,
                                                     const StorageOptions& options,
                                                     std::shared_ptr<HttpClient> http) {
  const std::string& scheme = location.scheme;
  if (scheme == "s3" || scheme == "s3a") return MakeS3Store(location, options, std::move(http));
  if (scheme == "az" || scheme == "azure" || scheme == "abfs" || scheme == "abfss") {
    return MakeAzureStore(location, options, std::move(http));
  }
  if (scheme == "gs") return MakeGcsStore(location, options, std::move(http));
  return Status::InvalidArgument("no object store serves the scheme '" + scheme + "'");
}

Result<HttpClientOptions> HttpClientOptionsFrom(const StorageOptions& options) {
  HttpClientOptions out;
  std::optional<FoundSetting> bundle =
      FindSetting(options, {"ca_bundle", "DELTA_CA_BUNDLE", "AWS_CA_BUNDLE"},
                  {"DELTA_CA_BUNDLE", "AWS_CA_BUNDLE"});
  if (!bundle || bundle->value.empty()) return out;
  // Checked here: libcurl would only say "error setting certificate file" on every request.
  if (!std::ifstream(bundle->value).good()) {
    return Status::InvalidArgument("the CA bundle '" + bundle->value + "' (" + bundle->source +
                                   ") cannot be read");
  }
  out.ca_bundle = bundle->value;
  out.ca_bundle_source = bundle->source;
  return out;
}

std::string LookupOption(const StorageOptions& options, std::string_view key, std::string* from) {
  for (const auto& [k, v] : options) {
    if (EqualsIgnoreCase(k, key)) {
      if (from != nullptr) *from = "storage option " + std::string(key);
      return v;
    }
  }
  if (const char* env = std::getenv(std::string(key).c_str()); env != nullptr && *env != 0) {
    if (from != nullptr) *from = "environment variable " + std::string(key);
    return env;
  }
  return {};
}

Result<bool> ParseBoolOption(std::string_view key, std::string_view value, bool fallback) {
  if (value.empty()) return fallback;
  std::string v = AsciiLower(AsciiTrim(value));
  if (v == "true" || v == "1" || v == "yes") return true;
  if (v == "false" || v == "0" || v == "no") return false;
  return Status::InvalidArgument("storage option " + std::string(key) +
                                 ": expected true or false, got '" + std::string(value) + "'");
}

}  // namespace delta::cloud
