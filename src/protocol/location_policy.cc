#include "delta/location_policy.h"

#include <string>

#include "protocol/path_safety.h"
#include "protocol/uri.h"
#include "util/printable.h"

namespace delta {
namespace {

// "s3a://bucket/k" -> "s3"; the Hadoop aliases of one store compare equal.
std::string_view StoreScheme(std::string_view uri) {
  std::string_view scheme = uri.substr(0, uri.find(':'));
  if (scheme == "s3a" || scheme == "s3n") return "s3";
  if (scheme == "abfss" || scheme == "abfs" || scheme == "az" || scheme == "adl") return "azure";
  return scheme;
}

// "s3://bucket/key" -> "bucket"; "file:///x" -> "".
std::string_view Authority(std::string_view uri) {
  size_t start = uri.find("://");
  if (start == std::string_view::npos) return {};
  start += 3;
  size_t end = uri.find('/', start);
  return uri.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
}

// `location` equals `prefix` or lies below it, comparing decoded text on segment boundaries.
bool IsWithin(std::string_view location, std::string prefix) {
  while (prefix.size() > 1 && prefix.back() == '/') prefix.pop_back();
  if (!location.starts_with(prefix)) return false;
  return location.size() == prefix.size() || location[prefix.size()] == '/' || prefix.back() == '/';
}

}  // namespace

Status CheckLocationAllowed(const LocationPolicy& policy, std::string_view table_root_uri,
                            std::string_view location) {
  std::string uri = NormalizeFileUri(location);
  auto refuse = [&](std::string_view why) {
    return Status::PermissionDenied("table " + std::string(table_root_uri) + " points at " +
                                    Printable(location) + ", " + std::string(why));
  };
  if (!HasUriScheme(uri)) return refuse("which is not an absolute URI");
  if (Status st = CheckLogPath(uri); !st.ok()) return refuse("whose path " + st.message());
  std::string decoded = PercentDecode(uri);
  std::string root = PercentDecode(NormalizeFileUri(table_root_uri));
  if (IsWithin(decoded, root)) return Status::OK();
  if (policy.allow_same_store && StoreScheme(uri) == StoreScheme(table_root_uri) &&
      Authority(uri) == Authority(table_root_uri)) {
    return Status::OK();
  }
  for (const std::string& p : policy.allowed_prefixes) {
    if (IsWithin(decoded, PercentDecode(TableLocationToUri(p)))) return Status::OK();
  }
  return refuse(
      "outside the table and outside what the engine's location policy allows (the table's "
      "own store is " +
      std::string(policy.allow_same_store ? "allowed" : "not allowed") +
      "; add the location to LocationPolicy::allowed_prefixes to read it)");
}

}  // namespace delta
