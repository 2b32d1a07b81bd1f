#include "engine/location.h"

#include <algorithm>
#include <cctype>

#include "protocol/uri.h"
#include "util/ascii.h"

namespace delta::engine {

namespace {

std::string CollapseSlashes(std::string_view path) {
  std::string out;
  out.reserve(path.size());
  for (char c : path) {
    if (c == '/' && !out.empty() && out.back() == '/') continue;
    out.push_back(c);
  }
  return out;
}

bool IsSchemeChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
}

}  // namespace

std::string LocalPathToUri(std::string_view path) {
  return "file://" + delta::PercentEncodePath(path);
}

Result<ParsedLocation> ParseLocation(std::string_view location) {
  if (!location.empty() && location.front() == '/') {
    return ParsedLocation{"file", CollapseSlashes(location)};
  }
  size_t colon = location.find(':');
  if (colon == std::string_view::npos || colon == 0 ||
      !std::all_of(location.begin(), location.begin() + colon, IsSchemeChar)) {
    return Status::InvalidArgument("not an absolute location (URI or absolute path): '" +
                                   std::string(location) + "'");
  }
  std::string scheme = AsciiLower(location.substr(0, colon));
  std::string_view rest = location.substr(colon + 1);
  if (scheme != "file") {
    if (rest.substr(0, 2) != "//") {
      return Status::InvalidArgument("malformed URI (expected '" + scheme + "://'): '" +
                                     std::string(location) + "'");
    }
    return ParsedLocation{std::move(scheme), std::string(rest.substr(2))};
  }
  // file:///abs, file://localhost/abs, file:/abs
  if (rest.substr(0, 2) == "//") {
    rest.remove_prefix(2);
    size_t slash = rest.find('/');
    std::string_view host = rest.substr(0, slash);
    if (!host.empty() && host != "localhost") {
      return Status::InvalidArgument("file URI with remote host '" + std::string(host) +
                                     "' is not supported: '" + std::string(location) + "'");
    }
    rest = slash == std::string_view::npos ? std::string_view("/") : rest.substr(slash);
  }
  if (rest.empty() || rest.front() != '/') {
    return Status::InvalidArgument("file URI without an absolute path: '" + std::string(location) +
                                   "'");
  }
  std::string path = CollapseSlashes(delta::PercentDecode(rest));
  if (path.find('\0') != std::string::npos) {
    return Status::InvalidArgument("file URI decodes to a path with a NUL byte: '" +
                                   std::string(location) + "'");
  }
  return ParsedLocation{"file", std::move(path)};
}

}  // namespace delta::engine
