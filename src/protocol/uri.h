// URI helpers for table locations and add/remove paths (RFC 2396 style percent-encoding).
#pragma once

#include <string>
#include <string_view>

namespace delta {

/// True if `s` starts with a URI scheme ("s3:", "file:", ...).
bool HasUriScheme(std::string_view s);

/// True if a relative log path is its own canonical key: no '%' escape and no ':' (which could
/// start a scheme). On the replay hot path, hence a plain loop rather than find_first_of
/// (which calls memchr once per character).
inline bool IsPlainRelativePath(std::string_view s) {
  if (s.empty() || s[0] == '/') return false;
  for (char c : s) {
    if (c == '%' || c == ':') return false;
  }
  return true;
}

/// Decodes %XX escapes once. Malformed escapes are kept literally.
std::string PercentDecode(std::string_view s);

/// Encodes every byte outside the RFC 3986 unreserved set and "/" as %XX.
std::string PercentEncodePath(std::string_view s);

/// A relative file path as Delta Spark writes it in an add's `path` (Hadoop's Path.toUri):
/// only what a URI path cannot hold is encoded as %XX (space, '%', '"', '#', '<', '>', '?',
/// '[', ']', '\\', '^', '`', '{', '|', '}', ASCII and C1 controls, Unicode spaces, bytes that
/// are not UTF-8); '=', ':', '@', the other sub-delimiters and non-ASCII letters stay as they
/// are. Spark's VACUUM compares these strings with its listing, so `col=value` must stay
/// readable as such.
std::string EncodeLogPath(std::string_view s);

/// Normalises the local-file spellings "file:/x" and "file:///x" to "file:///x"; other URIs
/// are returned unchanged. A bare absolute path "/x" becomes "file:///x" (encoded).
std::string NormalizeFileUri(std::string_view uri);

/// Converts a user-given table location (local path, relative path, or URI) to a normalised
/// URI without a trailing slash. A relative path, or a "file:" URI with a relative path
/// ("file:dir/table", percent-decoded), is taken relative to the working directory.
std::string TableLocationToUri(std::string_view location);

/// The key under which a logical file's path is reconciled: percent-decoded, and relative to
/// `table_root_decoded` when the path is absolute but lies inside the table. Two spellings of
/// the same file (relative, "/abs", "file:/abs", "file:///abs") give the same key.
std::string CanonicalPathKey(std::string_view log_path, std::string_view table_root_decoded);

/// Resolves a log path (relative + encoded, or absolute URI) against the table root URI.
/// The result stays percent-encoded: it is a URI, decoded once by the file system.
std::string ResolveLogPath(std::string_view table_root_uri, std::string_view log_path);

}  // namespace delta
