#include "log/log_segment.h"

#include <simdjson.h>

#include <algorithm>
#include <map>

#include "log/log_limits.h"
#include "protocol/uri.h"

namespace delta {

std::optional<LastCheckpointHint> ReadLastCheckpointHint(FileSystem& fs,
                                                         const std::string& log_root,
                                                         std::vector<std::string>* warnings) {
  std::string location = log_root + "/_last_checkpoint";
  // Only a hint: one too big to be real is not read, and the log is listed instead.
  auto data = ReadBoundedFile(fs, location, kMaxLastCheckpointBytes, "_last_checkpoint");
  if (!data.ok()) {
    if (data.status().IsInvalidTable()) {
      warnings->push_back("ignored " + data.status().message());
    } else if (!data.status().IsNotFound()) {
      warnings->push_back("ignored unreadable " + location + ": " + data.status().ToString());
    }
    return std::nullopt;
  }
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  int64_t version = 0;
  if (parser.parse(*data).get(root) || root["version"].get_int64().get(version) || version < 0 ||
      version > kMaxLogVersion) {
    warnings->push_back("ignored corrupt " + location);
    return std::nullopt;
  }
  LastCheckpointHint hint;
  hint.version = version;
  int64_t parts = 0;
  if (!root["parts"].get_int64().get(parts)) {
    if (parts < 1 || parts > kMaxCheckpointParts) {
      warnings->push_back("ignored corrupt " + location + ": parts " + std::to_string(parts) +
                          " is not between 1 and " + std::to_string(kMaxCheckpointParts));
      return std::nullopt;
    }
    hint.parts = parts;
  }
  return hint;
}

namespace {

// Commits are only ever added, and removed only from the start of the log, so a commit missing
// between two listed ones is a listing that skipped it: a local directory read while other
// writers create and delete files in it can do that (seen on ext4 under 8 racing writers), as
// can an inconsistent object-store listing. Each such version is looked up directly; one that
// really is absent stays absent and is reported by whoever needs it.
Status FillCommitGaps(FileSystem& fs, const std::string& log_root, std::vector<LogFile>* files) {
  constexpr int64_t kMaxLookups = 64;  // a longer gap is a damaged log, not a skipped entry
  std::vector<int64_t> missing;
  std::optional<int64_t> previous;
  for (const LogFile& f : *files) {
    if (f.type != LogFileType::kCommit) continue;
    if (previous && f.version > *previous + 1) {
      for (int64_t v = *previous + 1; v < f.version; ++v) {
        if (static_cast<int64_t>(missing.size()) == kMaxLookups) break;
        missing.push_back(v);
      }
    }
    previous = f.version;
  }
  if (missing.empty()) return Status::OK();
  for (int64_t v : missing) {
    std::string location = log_root + "/" + FormatVersion(v) + ".json";
    Result<FileInfo> info = fs.Head(location);
    if (!info.ok()) {
      if (info.status().IsNotFound()) continue;
      return info.status().WithContext("looking up " + location);
    }
    auto parsed = ParseLogFileName(FileNameOf(location));
    if (!parsed) continue;
    parsed->file = std::move(*info);
    files->push_back(std::move(*parsed));
  }
  std::stable_sort(files->begin(), files->end(),
                   [](const LogFile& a, const LogFile& b) { return a.version < b.version; });
  return Status::OK();
}

}  // namespace

Result<std::vector<LogFile>> ListLogFiles(FileSystem& fs, const std::string& table_root,
                                          int64_t from_version) {
  std::string log_root = table_root + "/_delta_log";
  auto listed = fs.ListFrom(log_root + "/" + FormatVersion(from_version));
  if (!listed.ok()) {
    if (listed.status().IsNotFound()) {
      // An object store lists a missing prefix as empty: its NotFound is about the bucket
      // (or container) itself, and says so.
      if (!table_root.starts_with("file:") && HasUriScheme(table_root)) {
        return Status::NotFound("no Delta table at " + table_root + ": " +
                                listed.status().message());
      }
      // A file where a directory should be is a different mistake from nothing there.
      std::string why = log_root + " does not exist";
      if (fs.Head(log_root).ok()) {
        why = log_root + " is a file, not a directory";
      } else if (fs.Head(table_root).ok()) {
        why = table_root + " is a file, not a directory";
      }
      return Status::NotFound("no Delta table at " + table_root + ": " + why);
    }
    return listed.status().WithContext("listing " + log_root);
  }
  std::vector<LogFile> out;
  out.reserve(listed->size());
  for (FileInfo& info : *listed) {
    auto parsed = ParseLogFileName(FileNameOf(info.location));
    if (!parsed || parsed->version < from_version) continue;
    parsed->file = std::move(info);
    out.push_back(std::move(*parsed));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const LogFile& a, const LogFile& b) { return a.version < b.version; });
  DELTA_RETURN_NOT_OK(FillCommitGaps(fs, log_root, &out));
  return out;
}

namespace {

// The newest complete checkpoint among `files` at or below `max_version`.
std::vector<LogFile> ChooseCheckpoint(const std::vector<LogFile>& files, int64_t max_version,
                                      std::vector<std::string>* warnings) {
  // version -> candidates
  std::map<int64_t, std::vector<const LogFile*>, std::greater<>> by_version;
  for (const LogFile& f : files) {
    if (f.is_checkpoint() && f.version <= max_version) by_version[f.version].push_back(&f);
  }
  for (auto& [version, cands] : by_version) {
    // Prefer a single-file checkpoint (v2 UUID-named, then classic) over multi-part.
    for (LogFileType want : {LogFileType::kV2Checkpoint, LogFileType::kClassicCheckpoint}) {
      for (const LogFile* f : cands) {
        if (f->type == want) return {*f};
      }
    }
    // Multi-part: a set with num_parts n is complete when parts 1..n are all present.
    std::map<int32_t, std::map<int32_t, const LogFile*>> sets;
    for (const LogFile* f : cands) {
      if (f->type == LogFileType::kMultiPartCheckpoint) sets[f->num_parts][f->part] = f;
    }
    for (auto& [n, parts] : sets) {
      if (static_cast<int32_t>(parts.size()) == n) {
        std::vector<LogFile> out;
        for (auto& [p, f] : parts) out.push_back(*f);
        return out;
      }
      warnings->push_back("ignored incomplete multi-part checkpoint at version " +
                          std::to_string(version) + " (" + std::to_string(parts.size()) + " of " +
                          std::to_string(n) + " parts)");
    }
  }
  return {};
}

}  // namespace

Result<LogSegment> BuildLogSegmentFromListing(const std::string& table_root,
                                              const std::vector<LogFile>& files,
                                              std::optional<int64_t> version,
                                              bool listing_is_complete) {
  LogSegment seg;
  seg.table_root = table_root;
  seg.log_root = table_root + "/_delta_log";

  int64_t latest_commit = -1, latest_checkpoint = -1;
  bool any_log_file = !files.empty();
  for (const LogFile& f : files) {
    if (f.type == LogFileType::kCommit) latest_commit = std::max(latest_commit, f.version);
    if (f.is_checkpoint()) latest_checkpoint = std::max(latest_checkpoint, f.version);
  }
  if (latest_commit < 0 && latest_checkpoint < 0) {
    if (!any_log_file && listing_is_complete) {
      return Status::NotFound("no Delta table at " + table_root + ": " + seg.log_root +
                              " holds no commit files");
    }
    return Status::InvalidTable("table " + table_root + ": " + seg.log_root +
                                " holds no commit or checkpoint files");
  }
  int64_t latest = std::max(latest_commit, latest_checkpoint);
  int64_t target = version.value_or(latest);
  if (target < 0)
    return Status::InvalidArgument("version must be >= 0, got " + std::to_string(target));
  if (target > latest) {
    return Status::NotFound("table " + table_root + " has no version " + std::to_string(target) +
                            ": the latest version is " + std::to_string(latest));
  }
  seg.version = target;
  seg.checkpoint = ChooseCheckpoint(files, target, &seg.warnings);
  if (!seg.checkpoint.empty()) seg.checkpoint_version = seg.checkpoint.front().version;
  int64_t first_needed = seg.checkpoint_version ? *seg.checkpoint_version + 1 : 0;

  // Commits after the checkpoint, which must be contiguous up to the target.
  int64_t expect = first_needed;
  for (const LogFile& f : files) {
    if (f.type != LogFileType::kCommit || f.version < first_needed || f.version > target) continue;
    if (f.version != expect) {
      if (expect == 0 && !seg.checkpoint_version) {
        // The log starts after version 0 and no checkpoint covers the missing start.
        if (version) {
          return Status::NotFound("table " + table_root + ": version " + std::to_string(target) +
                                  " cannot be reconstructed: the log starts at version " +
                                  std::to_string(f.version) +
                                  " and there is no checkpoint at or before it");
        }
        return Status::InvalidTable("table " + table_root +
                                    ": no checkpoint and commit 0 is "
                                    "missing (the log starts at version " +
                                    std::to_string(f.version) + ")");
      }
      return Status::InvalidTable("table " + table_root + ": versions are not contiguous, commit " +
                                  std::to_string(expect) + " (" + seg.log_root + "/" +
                                  FormatVersion(expect) + ".json) is missing before version " +
                                  std::to_string(f.version));
    }
    seg.commits.push_back(f);
    ++expect;
  }
  if (expect <= target) {
    if (expect == 0 && !seg.checkpoint_version) {
      // Say where reading can start (log cleanup removes the versions before a checkpoint).
      std::optional<int64_t> earliest;
      for (const LogFile& f : files) {
        if (f.is_checkpoint() && (!earliest || f.version < *earliest)) earliest = f.version;
      }
      return Status::NotFound(
          "table " + table_root + ": version " + std::to_string(target) +
          " is not in the log and no checkpoint covers it" +
          (earliest ? "; the earliest version that can be read is " + std::to_string(*earliest)
                    : std::string()));
    }
    return Status::InvalidTable("table " + table_root + ": commit " + std::to_string(expect) +
                                " (" + seg.log_root + "/" + FormatVersion(expect) +
                                ".json) is missing; the log claims version " +
                                std::to_string(target));
  }

  // Compactions replace runs of commits; the newest commit is always read itself because its
  // commitInfo (and in-commit timestamp) is needed.
  size_t i = 0;
  while (i < seg.commits.size()) {
    int64_t v = seg.commits[i].version;
    const LogFile* best = nullptr;
    for (const LogFile& f : files) {
      if (f.type == LogFileType::kCompaction && f.version == v && f.end_version < target &&
          (best == nullptr || f.end_version > best->end_version)) {
        best = &f;
      }
    }
    if (best == nullptr) {
      ++i;
      continue;
    }
    seg.compactions.push_back(*best);
    i += static_cast<size_t>(best->end_version - v + 1);
  }

  for (const LogFile& f : files) {
    if (f.type == LogFileType::kChecksum && f.version == target) seg.checksum = f;
    if (f.type == LogFileType::kCommit && f.version == target) seg.latest_commit = f;
  }
  return seg;
}

Result<LogSegment> BuildLogSegment(FileSystem& fs, const std::string& table_root,
                                   std::optional<int64_t> version) {
  std::vector<std::string> warnings;
  std::string log_root = table_root + "/_delta_log";
  std::optional<LastCheckpointHint> hint = ReadLastCheckpointHint(fs, log_root, &warnings);
  if (hint && version && hint->version > *version) hint.reset();  // too new to help
  if (hint) {
    DELTA_ASSIGN_OR_RETURN(auto files, ListLogFiles(fs, table_root, hint->version));
    auto seg = BuildLogSegmentFromListing(table_root, files, version, false);
    if (seg.ok() && seg->checkpoint_version && *seg->checkpoint_version >= hint->version) {
      seg->warnings.insert(seg->warnings.begin(), warnings.begin(), warnings.end());
      return seg;
    }
    // The hint points at a checkpoint that is missing or incomplete: list everything.
    warnings.push_back("ignored stale _last_checkpoint (version " + std::to_string(hint->version) +
                       "): no complete checkpoint there");
  }
  DELTA_ASSIGN_OR_RETURN(auto files, ListLogFiles(fs, table_root, 0));
  auto seg = BuildLogSegmentFromListing(table_root, files, version, true);
  if (seg.ok()) seg->warnings.insert(seg->warnings.begin(), warnings.begin(), warnings.end());
  return seg;
}

}  // namespace delta
