// Locations (URIs the kernel passes around) <-> local paths, with RFC 3986 percent-encoding.
#pragma once

#include <string>
#include <string_view>

#include "delta/status.h"

namespace delta::engine {

/// A location split into its scheme and path.
struct ParsedLocation {
  std::string scheme;  ///< "file", "s3", ...
  std::string path;    ///< "file": the decoded absolute local path; else the rest after "://"
};

/// Parses a location: an absolute local path (taken literally, never decoded), "file:///abs",
/// "file://localhost/abs" or "file:/abs" (percent-decoded), or "<scheme>://..." for object
/// stores (path = everything after "://", still encoded). Repeated '/' in local paths collapse.
Result<ParsedLocation> ParseLocation(std::string_view location);

/// "file://" + the percent-encoded absolute path: the canonical URI of a local file. Encoding
/// is the core's (protocol/uri.h): every byte but unreserved ones and '/' is escaped, so any
/// name round-trips and URIs the engine returns match the ones the core builds.
std::string LocalPathToUri(std::string_view path);

}  // namespace delta::engine
