#include "protocol/uri.h"

#include <filesystem>

namespace delta {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool IsUnreserved(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

// "file:///a/b" -> "/a/b" (still encoded); anything else unchanged.
std::string_view StripFileScheme(std::string_view uri) {
  if (uri.starts_with("file://")) {
    std::string_view rest = uri.substr(7);
    // file://host/path: only the empty host (or localhost) is a local file.
    if (rest.starts_with("localhost/")) rest.remove_prefix(9);
    return rest;
  }
  if (uri.starts_with("file:/")) return uri.substr(5);
  return uri;
}

}  // namespace

bool HasUriScheme(std::string_view s) {
  // Called for every file of a table, whose names ("part-0001-<uuid>.c000.snappy.parquet") are
  // made of scheme characters: look for the ':' first (one vectorised memchr), then check
  // what precedes it, with ASCII classes by hand rather than the locale-aware <cctype>.
  size_t colon = s.find(':');
  if (colon == std::string_view::npos || colon < 2) return false;  // "c:" is a Windows drive
  auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  if (!alpha(s[0])) return false;
  for (size_t i = 1; i < colon; ++i) {
    char c = s[i];
    if (!alpha(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') return false;
  }
  return true;
}

std::string PercentDecode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      int hi = HexValue(s[i + 1]);
      int lo = HexValue(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

std::string PercentEncodePath(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    if (IsUnreserved(c) || c == '/') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

namespace {

// java.net.URI's legal path characters in US-ASCII besides the unreserved ones.
bool IsPathPunctuation(unsigned char c) {
  return std::string_view("/!$&'()*+,;=:@").find(static_cast<char>(c)) != std::string_view::npos;
}

// Length of the UTF-8 sequence at s[i] and its code point, or 0 when malformed.
size_t Utf8At(std::string_view s, size_t i, uint32_t* cp) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
  if (n == 0 || c >= 0xF8 || i + n > s.size()) return 0;
  uint32_t v = c & (0x7F >> n);
  for (size_t k = 1; k < n; ++k) {
    unsigned char t = static_cast<unsigned char>(s[i + k]);
    if ((t & 0xC0) != 0x80) return 0;
    v = (v << 6) | (t & 0x3F);
  }
  *cp = v;
  return n;
}

// Characters Java's URI quotes although they are not ASCII: controls and space separators.
bool JavaQuotes(uint32_t cp) {
  return (cp >= 0x80 && cp <= 0x9F) || cp == 0xA0 || cp == 0x1680 ||
         (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
         cp == 0x205F || cp == 0x3000;
}

}  // namespace

std::string EncodeLogPath(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  auto escape = [&](unsigned char c) {
    out.push_back('%');
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  };
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (IsUnreserved(c) || IsPathPunctuation(c)) {
        out.push_back(static_cast<char>(c));
      } else {
        escape(c);
      }
      ++i;
      continue;
    }
    uint32_t cp = 0;
    size_t n = Utf8At(s, i, &cp);
    if (n == 0) {
      escape(c);
      ++i;
      continue;
    }
    for (size_t k = 0; k < n; ++k) {
      if (JavaQuotes(cp)) {
        escape(static_cast<unsigned char>(s[i + k]));
      } else {
        out.push_back(s[i + k]);
      }
    }
    i += n;
  }
  return out;
}

std::string NormalizeFileUri(std::string_view uri) {
  if (uri.starts_with("file:")) return "file://" + std::string(StripFileScheme(uri));
  if (uri.starts_with("/")) return "file://" + PercentEncodePath(uri);
  return std::string(uri);
}

std::string TableLocationToUri(std::string_view location) {
  std::string uri;
  // "file:rel/path" (no '/' after the scheme) is a path relative to the working directory, as
  // Hadoop reads it; its %XX escapes are decoded like those of any URI.
  const bool relative_file_uri = location.starts_with("file:") && !location.starts_with("file:/");
  if (HasUriScheme(location) && !relative_file_uri) {
    uri = NormalizeFileUri(location);
  } else {
    std::string path =
        relative_file_uri ? PercentDecode(location.substr(5)) : std::string(location);
    std::error_code ec;
    std::filesystem::path p = std::filesystem::absolute(std::filesystem::path(path), ec);
    if (ec) p = std::filesystem::path(path);
    uri = "file://" + PercentEncodePath(p.lexically_normal().generic_string());
  }
  while (uri.size() > 1 && uri.back() == '/' && !uri.ends_with(":///") && !uri.ends_with("://")) {
    uri.pop_back();
  }
  return uri;
}

std::string CanonicalPathKey(std::string_view log_path, std::string_view table_root_decoded) {
  // Fast path: the common relative path with nothing to decode is its own key.
  if (IsPlainRelativePath(log_path)) return std::string(log_path);
  if (!HasUriScheme(log_path) && !log_path.starts_with("/")) return PercentDecode(log_path);
  std::string abs;
  size_t root_scheme_end = table_root_decoded.find("://");
  if (log_path.starts_with("/") && !table_root_decoded.starts_with("file:") &&
      root_scheme_end != std::string_view::npos) {
    // On the table's own file system, as ResolveLogPath reads it: "/x" in s3://b/t is s3://b/x.
    size_t host_end = table_root_decoded.find('/', root_scheme_end + 3);
    abs = std::string(table_root_decoded.substr(0, host_end)) + PercentDecode(log_path);
  } else if (log_path.starts_with("/") || log_path.starts_with("file:")) {
    abs = "file://" + PercentDecode(StripFileScheme(log_path));
  } else {
    abs = PercentDecode(log_path);
  }
  if (!table_root_decoded.empty() && abs.size() > table_root_decoded.size() + 1 &&
      abs.starts_with(table_root_decoded) && abs[table_root_decoded.size()] == '/') {
    return abs.substr(table_root_decoded.size() + 1);
  }
  return abs;
}

std::string ResolveLogPath(std::string_view table_root_uri, std::string_view log_path) {
  if (HasUriScheme(log_path)) return NormalizeFileUri(log_path);
  if (log_path.starts_with("/")) {
    // An absolute path without scheme lives on the table's own file system.
    if (table_root_uri.starts_with("file:")) return "file://" + std::string(log_path);
    size_t scheme_end = table_root_uri.find("://");
    if (scheme_end != std::string_view::npos) {
      size_t host_end = table_root_uri.find('/', scheme_end + 3);
      return std::string(table_root_uri.substr(0, host_end)) + std::string(log_path);
    }
    return std::string(log_path);
  }
  std::string out(table_root_uri);
  out.push_back('/');
  out.append(log_path);
  return out;
}

}  // namespace delta
