#include "protocol/path_safety.h"

#include <cstring>
#include <string>

#include "protocol/uri.h"

namespace delta {
namespace {

bool IsSeparator(char c) { return c == '/' || c == '\\'; }

// True when some segment of `path` (split at '/' or '\\') is "..".
bool HasDotDotSegment(std::string_view path) {
  // Most paths have no ".." at all: one vectorised search decides.
  for (size_t at = path.find(".."); at != std::string_view::npos; at = path.find("..", at + 1)) {
    bool starts = at == 0 || IsSeparator(path[at - 1]);
    bool ends = at + 2 == path.size() || IsSeparator(path[at + 2]);
    if (starts && ends) return true;
  }
  return false;
}

// The path part of an absolute URI ("s3://bucket/a/b" -> "/a/b"; "file:/a" -> "/a").
std::string_view UriPath(std::string_view uri) {
  size_t colon = uri.find(':');
  std::string_view rest = uri.substr(colon + 1);
  if (rest.starts_with("//")) {
    size_t slash = rest.find('/', 2);
    return slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
  }
  return rest;
}

Status Refuse(std::string_view why) { return Status::InvalidTable(std::string(why)); }

// Rules shared by every spelling, applied to the once-decoded text (the file system decodes a
// URI exactly once, so that is the name it would open).
Status CheckDecoded(std::string_view raw, std::string_view decoded, bool relative) {
  if (std::memchr(raw.data(), '\0', raw.size()) != nullptr) return Refuse("contains a NUL byte");
  if (decoded.find('\0') != std::string_view::npos) {
    return Refuse("contains an encoded NUL byte (%00)");
  }
  if (HasDotDotSegment(decoded)) {
    return Refuse(relative ? "climbs out of the table root with a '..' segment"
                           : "contains a '..' segment");
  }
  if (relative && !decoded.empty() && IsSeparator(decoded.front())) {
    return Refuse("is relative but decodes to an absolute path");
  }
  return Status::OK();
}

}  // namespace

Status CheckLogPath(std::string_view log_path) {
  if (log_path.empty()) return Refuse("is empty");
  // The hot path (every file of a checkpoint): nothing to decode, no scheme.
  if (IsPlainRelativePath(log_path)) return CheckDecoded(log_path, log_path, /*relative=*/true);
  bool relative = !HasUriScheme(log_path) && !log_path.starts_with('/');
  std::string_view part = relative ? log_path : UriPath(log_path);
  std::string decoded = PercentDecode(part);
  return CheckDecoded(log_path, decoded, relative);
}

Status CheckDeletionVectorPrefix(std::string_view prefix) {
  if (prefix.empty()) return Status::OK();
  return CheckDecoded(prefix, prefix, /*relative=*/true);
}

}  // namespace delta
