// ParseStoreLocation: object-store URIs split into scheme, bucket (container), account and key.
#include <array>

#include "cloud/object_store.h"
#include "protocol/uri.h"
#include "util/ascii.h"

namespace delta::cloud {

namespace {

constexpr std::array<std::string_view, 7> kSchemes = {"s3",    "s3a",  "gs",   "az",
                                                      "azure", "abfs", "abfss"};

Status Invalid(std::string_view location, std::string_view why) {
  return Status::InvalidArgument("object-store location '" + std::string(location) +
                                 "': " + std::string(why));
}

}  // namespace

Result<StoreLocation> ParseStoreLocation(std::string_view location) {
  size_t sep = location.find("://");
  if (sep == std::string_view::npos) {
    return Invalid(location, "expected <scheme>://<bucket>/<key>");
  }
  StoreLocation out;
  out.scheme = AsciiLower(location.substr(0, sep));
  bool known = false;
  for (std::string_view s : kSchemes) known = known || out.scheme == s;
  if (!known) {
    return Invalid(location, "unknown scheme '" + out.scheme +
                                 "' (expected s3, s3a, gs, az, azure, abfs or abfss)");
  }
  std::string_view rest = location.substr(sep + 3);
  size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  std::string_view path = slash == std::string_view::npos ? "" : rest.substr(slash + 1);
  while (path.starts_with('/')) path.remove_prefix(1);
  if (out.scheme == "abfs" || out.scheme == "abfss") {
    // container@account.dfs.core.windows.net (or .blob.core.windows.net); the host may be
    // left out when the account comes from the options.
    if (size_t at = authority.find('@'); at != std::string_view::npos) {
      std::string_view host = authority.substr(at + 1);
      authority = authority.substr(0, at);
      size_t dot = host.find('.');
      out.account = std::string(host.substr(0, dot));
      if (out.account.empty()) return Invalid(location, "no storage account after '@'");
    }
  }
  if (authority.empty()) {
    return Invalid(location, out.scheme.starts_with("s3") || out.scheme == "gs"
                                 ? "no bucket name"
                                 : "no container name");
  }
  out.bucket = std::string(authority);
  out.key = PercentDecode(path);
  return out;
}

}  // namespace delta::cloud
