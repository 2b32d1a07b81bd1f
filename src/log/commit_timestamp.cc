#include "log/commit_timestamp.h"

#include <algorithm>
#include <charconv>

namespace delta {
namespace {

bool IsTrue(std::string_view s) {
  return s.size() == 4 && (s[0] == 't' || s[0] == 'T') && (s[1] == 'r' || s[1] == 'R') &&
         (s[2] == 'u' || s[2] == 'U') && (s[3] == 'e' || s[3] == 'E');
}

}  // namespace

std::optional<int64_t> InCommitTimestampEnablementVersion(const Metadata& metadata) {
  auto it = metadata.configuration.find("delta.enableInCommitTimestamps");
  if (it == metadata.configuration.end() || !IsTrue(it->second)) return std::nullopt;
  auto v = metadata.configuration.find("delta.inCommitTimestampEnablementVersion");
  if (v == metadata.configuration.end()) return 0;  // enabled when the table was created
  int64_t version = 0;
  auto r = std::from_chars(v->second.data(), v->second.data() + v->second.size(), version);
  if (r.ec != std::errc()) return 0;
  return version;
}

Result<int64_t> CommitTimestamp(const Metadata& metadata, int64_t version,
                                const std::optional<CommitInfo>& commit_info,
                                const FileInfo& commit_file) {
  std::optional<int64_t> enabled_from = InCommitTimestampEnablementVersion(metadata);
  if (enabled_from && version >= *enabled_from) {
    if (!commit_info || !commit_info->in_commit_timestamp) {
      return Status::InvalidTable("in-commit timestamps are enabled (from version " +
                                  std::to_string(*enabled_from) + ") but commit " +
                                  std::to_string(version) + " (" + commit_file.location +
                                  ") has no commitInfo.inCommitTimestamp");
    }
    return *commit_info->in_commit_timestamp;
  }
  return commit_file.modification_time_ms;
}

std::vector<int64_t> LatestFileTimes(std::span<const LogFile> commits, int64_t floor) {
  std::vector<int64_t> out;
  out.reserve(commits.size());
  for (const LogFile& f : commits) {
    floor = std::max(floor, f.file.modification_time_ms);
    out.push_back(floor);
  }
  return out;
}

Result<int64_t> SmoothedCommitTimestamp(const Metadata& metadata, int64_t version,
                                        const std::optional<CommitInfo>& commit_info,
                                        const FileInfo& commit_file, int64_t latest_file_time) {
  std::optional<int64_t> enabled_from = InCommitTimestampEnablementVersion(metadata);
  if (enabled_from && version >= *enabled_from) {
    return CommitTimestamp(metadata, version, commit_info, commit_file);
  }
  return latest_file_time;
}

}  // namespace delta
