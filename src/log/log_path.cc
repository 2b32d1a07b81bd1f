#include "log/log_path.h"

#include <charconv>
#include <cstdio>

#include "log/log_limits.h"

namespace delta {
namespace {

bool ParseDigits(std::string_view s, size_t width, int64_t* out) {
  if (s.size() != width) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  auto r = std::from_chars(s.data(), s.data() + s.size(), *out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

}  // namespace

std::string FormatVersion(int64_t version) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%020lld", static_cast<long long>(version));
  return buf;
}

std::string_view FileNameOf(std::string_view location) {
  size_t slash = location.rfind('/');
  return slash == std::string_view::npos ? location : location.substr(slash + 1);
}

std::optional<LogFile> ParseLogFileName(std::string_view name) {
  if (name.size() < 21 || name[20] != '.') return std::nullopt;
  LogFile f{};
  // Larger numbers (up to 20 nines) do not fit, or leave no room for version + 1.
  if (!ParseDigits(name.substr(0, 20), 20, &f.version) || f.version > kMaxLogVersion) {
    return std::nullopt;
  }
  std::string_view rest = name.substr(21);
  if (rest == "json") {
    f.type = LogFileType::kCommit;
    return f;
  }
  if (rest == "crc") {
    f.type = LogFileType::kChecksum;
    return f;
  }
  if (rest == "checkpoint.parquet") {
    f.type = LogFileType::kClassicCheckpoint;
    return f;
  }
  if (rest.starts_with("checkpoint.")) {
    std::string_view tail = rest.substr(11);
    // <part:10>.<parts:10>.parquet
    int64_t part = 0, parts = 0;
    if (tail.size() == 10 + 1 + 10 + 8 && tail.substr(21) == ".parquet" && tail[10] == '.' &&
        ParseDigits(tail.substr(0, 10), 10, &part) &&
        ParseDigits(tail.substr(11, 10), 10, &parts)) {
      if (part < 1 || parts < 1 || part > parts || parts > kMaxCheckpointParts) return std::nullopt;
      f.type = LogFileType::kMultiPartCheckpoint;
      f.part = static_cast<int32_t>(part);
      f.num_parts = static_cast<int32_t>(parts);
      return f;
    }
    // <uuid>.json | <uuid>.parquet
    size_t dot = tail.rfind('.');
    if (dot == std::string_view::npos || dot == 0) return std::nullopt;
    std::string_view uuid = tail.substr(0, dot), ext = tail.substr(dot + 1);
    if (uuid.find('.') != std::string_view::npos) return std::nullopt;
    if (ext != "json" && ext != "parquet") return std::nullopt;
    f.type = LogFileType::kV2Checkpoint;
    f.is_json = ext == "json";
    return f;
  }
  // <end:20>.compacted.json
  if (rest.size() == 20 + 15 && rest.substr(20) == ".compacted.json" &&
      ParseDigits(rest.substr(0, 20), 20, &f.end_version)) {
    if (f.end_version <= f.version || f.end_version > kMaxLogVersion) return std::nullopt;
    f.type = LogFileType::kCompaction;
    return f;
  }
  return std::nullopt;
}

}  // namespace delta
