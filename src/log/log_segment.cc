#include "log/log_segment.h"

#include <simdjson.h>

#include <algorithm>
#include <map>

#include "log/last_checkpoint.h"
#include "log/log_limits.h"
#include "protocol/uri.h"

namespace delta {

namespace {

namespace dom = simdjson::dom;

// The usable part of a v2Checkpoint entry; NotFound when it lists no actions or no sidecars
// (nothing to use, nothing wrong), InvalidTable when it is inconsistent.
Result<LastCheckpointHint::V2> ParseV2Entry(dom::element root, dom::element v2, int64_t version,
                                            std::string_view file) {
  LastCheckpointHint::V2 out;
  std::string_view path;
  dom::array actions;
  dom::array sidecars;
  if (v2["path"].get(path) || v2["sizeInBytes"].get_int64().get(out.size_in_bytes)) {
    return Status::InvalidTable("no path or sizeInBytes");
  }
  if (v2["nonFileActions"].get(actions) || v2["sidecarFiles"].get(sidecars)) {
    return Status::NotFound("no action lists");
  }
  out.path = std::string(path);
  // The lists are trusted instead of the checkpoint file: only with a checksum that holds.
  std::string_view checksum;
  if (!root["checksum"].get(checksum)) {
    Result<std::string> expected = LastCheckpointChecksum(file);
    if (!expected.ok() || *expected != checksum) {
      return Status::InvalidTable("checksum " + std::string(checksum) + " does not match");
    }
  }
  auto text = std::make_shared<std::string>();
  bool protocol = false, metadata = false, checkpoint_metadata = false;
  for (dom::element a : actions) {
    dom::object o;
    if (a.get(o)) return Status::InvalidTable("a non-file action is not an object");
    protocol = protocol || o["protocol"].error() == simdjson::SUCCESS;
    metadata = metadata || o["metaData"].error() == simdjson::SUCCESS;
    int64_t cv = -1;
    if (!o["checkpointMetadata"]["version"].get_int64().get(cv)) {
      if (cv != version) {
        return Status::InvalidTable("checkpointMetadata names version " + std::to_string(cv));
      }
      checkpoint_metadata = true;
    }
    *text += simdjson::minify(a);
    text->push_back('\n');
  }
  if (!protocol || !metadata || !checkpoint_metadata) {
    return Status::InvalidTable("nonFileActions lack protocol, metaData or checkpointMetadata");
  }
  for (dom::element sc : sidecars) {
    if (!sc.is_object()) return Status::InvalidTable("a sidecar is not an object");
    *text += "{\"sidecar\":";
    *text += simdjson::minify(sc);
    *text += "}\n";
  }
  out.actions = std::move(text);
  return out;
}

}  // namespace

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
  dom::parser parser;
  dom::element root;
  int64_t version = 0;
  if (parser.parse(*data).get(root) || root["version"].get_int64().get(version) || version < 0 ||
      version > kMaxLogVersion) {
    warnings->push_back("ignored corrupt " + location);
    return std::nullopt;
  }
  LastCheckpointHint hint;
  hint.version = version;
  dom::element v2;
  if (root["v2Checkpoint"].get(v2) == simdjson::SUCCESS) {
    Result<LastCheckpointHint::V2> parsed = ParseV2Entry(root, v2, version, *data);
    if (parsed.ok()) {
      hint.v2 = std::move(*parsed);
    } else if (!parsed.status().IsNotFound()) {
      warnings->push_back("ignored the v2Checkpoint entry of " + location + ": " +
                          parsed.status().message());
    }
  }
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

namespace {

// Keeps the hint's v2 actions when they describe the checkpoint file the segment chose.
void UseV2Entry(const LastCheckpointHint::V2& v2, LogSegment* seg,
                std::vector<std::string>* warnings) {
  if (seg->checkpoint.size() != 1 || seg->checkpoint[0].type != LogFileType::kV2Checkpoint) {
    return;
  }
  const FileInfo& file = seg->checkpoint[0].file;
  if (FileNameOf(file.location) != v2.path || file.size != v2.size_in_bytes) {
    warnings->push_back("ignored the v2Checkpoint entry of _last_checkpoint: it describes " +
                        v2.path + " of " + std::to_string(v2.size_in_bytes) +
                        " bytes, the checkpoint read is " + std::string(FileNameOf(file.location)) +
                        " of " + std::to_string(file.size) + " bytes");
    return;
  }
  seg->v2_checkpoint_actions = v2.actions;
}

}  // namespace

Result<LogSegment> BuildLogSegment(FileSystem& fs, const std::string& table_root,
                                   std::optional<int64_t> version) {
  std::vector<std::string> warnings;
  std::string log_root = table_root + "/_delta_log";
  // Plain locals rather than the optional hint: GCC's -Wmaybe-uninitialized misreads it.
  int64_t hint_version = -1;
  std::optional<LastCheckpointHint::V2> hint_v2;
  if (std::optional<LastCheckpointHint> hint = ReadLastCheckpointHint(fs, log_root, &warnings)) {
    hint_version = hint->version;
    hint_v2 = std::move(hint->v2);
  }
  if (version && hint_version > *version) hint_version = -1;  // too new to help
  if (hint_version >= 0) {
    DELTA_ASSIGN_OR_RETURN(auto files, ListLogFiles(fs, table_root, hint_version));
    auto seg = BuildLogSegmentFromListing(table_root, files, version, false);
    if (seg.ok() && seg->checkpoint_version && *seg->checkpoint_version >= hint_version) {
      if (hint_v2 && *seg->checkpoint_version == hint_version) {
        UseV2Entry(*hint_v2, &*seg, &warnings);
      }
      seg->warnings.insert(seg->warnings.begin(), warnings.begin(), warnings.end());
      return seg;
    }
    // The hint points at a checkpoint that is missing or incomplete: list everything.
    warnings.push_back("ignored stale _last_checkpoint (version " + std::to_string(hint_version) +
                       "): no complete checkpoint there");
  }
  DELTA_ASSIGN_OR_RETURN(auto files, ListLogFiles(fs, table_root, 0));
  auto seg = BuildLogSegmentFromListing(table_root, files, version, true);
  if (seg.ok()) seg->warnings.insert(seg->warnings.begin(), warnings.begin(), warnings.end());
  return seg;
}

}  // namespace delta
