// CleanupExpiredLogs (include/delta/log_cleanup.h): date the versions, pick the checkpoint the
// log will start from, then delete everything older (oldest first) and the sidecars no
// remaining checkpoint names.
#include "delta/log_cleanup.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>
#include <utility>

#include "delta/snapshot.h"
#include "delta/table.h"
#include "delta/table_features.h"
#include "delta/table_properties.h"
#include "log/checkpoint_decoder.h"
#include "log/commit_timestamp.h"
#include "log/log_cleanup_policy.h"
#include "log/log_segment.h"
#include "log/snapshot_state.h"
#include "protocol/action_json.h"
#include "protocol/uri.h"
#include "util/clock.h"

namespace delta {
namespace {

constexpr std::string_view kRequireCheckpointProtectionBeforeVersion =
    "delta.requireCheckpointProtectionBeforeVersion";

// Delta Spark cuts at the start of the (UTC) day, so one run a day sees one cutoff.
int64_t StartOfDay(int64_t ms) {
  const int64_t day = TableProperties::kMillisPerDay;
  return ms >= 0 ? ms / day * day : -((-ms + day - 1) / day) * day;
}

// The in-commit timestamp of commit `f`.
Result<int64_t> InCommitTimestampOf(Engine& engine, const Metadata& metadata, const LogFile& f) {
  DELTA_ASSIGN_OR_RETURN(std::string data, engine.file_system().ReadFile(f.file.location));
  ActionBatch actions;
  DELTA_RETURN_NOT_OK(ParseJsonActions(&data, f.file.location, &actions));
  return CommitTimestamp(metadata, f.version, actions.commit_info, f.file);
}

// The sidecar file names (relative to _delta_log/_sidecars/) that the v2 checkpoint `f` names;
// absolute URIs elsewhere are not ours to delete and are left out.
Status AddSidecarNames(Engine& engine, const std::string& log_root, const LogFile& f,
                       std::set<std::string>* out) {
  ActionBatch actions;
  if (f.is_json) {
    DELTA_ASSIGN_OR_RETURN(std::string data, engine.file_system().ReadFile(f.file.location));
    DELTA_RETURN_NOT_OK(ParseJsonActions(&data, f.file.location, &actions));
  } else {
    CheckpointActionSet only_sidecars = CheckpointActionSet::NonFileActions();
    only_sidecars.metadata = only_sidecars.protocol = only_sidecars.txn = false;
    only_sidecars.domain_metadata = only_sidecars.checkpoint_metadata = false;
    DELTA_ASSIGN_OR_RETURN(actions, ReadCheckpointFile(engine, f.file, only_sidecars));
  }
  const std::string prefix = log_root + "/_sidecars/";
  for (const SidecarFile& s : actions.sidecars) {
    std::string path(s.path);
    if (!HasUriScheme(path)) {
      out->insert(std::move(path));
    } else if (path.starts_with(prefix)) {
      out->insert(path.substr(prefix.size()));
    }
  }
  return Status::OK();
}

}  // namespace

Result<bool> ExpiredLogCleanupEnabled(const std::map<std::string, std::string>& configuration) {
  auto it = configuration.find(std::string(kEnableExpiredLogCleanup));
  if (it == configuration.end()) return true;
  std::string value = it->second;
  std::transform(value.begin(), value.end(), value.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (value == "true") return true;
  if (value == "false") return false;
  return Status::InvalidTable("table property " + std::string(kEnableExpiredLogCleanup) + "=" +
                              it->second + " is not true or false");
}

Result<LogCleanupResult> CleanupExpiredLogs(const Snapshot& snapshot,
                                            const LogCleanupOptions& options) {
  const SnapshotState& st = snapshot.state();
  Engine& engine = *st.engine;
  FileSystem& fs = engine.file_system();
  const std::string& log_root = st.segment.log_root;
  DELTA_ASSIGN_OR_RETURN(TableProperties props, TableProperties::Parse(st.metadata.configuration));

  LogCleanupResult result;
  result.dry_run = options.dry_run;
  result.retention_ms = props.log_retention_duration_ms();
  const int64_t now = options.now_ms ? *options.now_ms : WallClockMillis();
  result.cutoff_ms = StartOfDay(now - result.retention_ms);

  DELTA_ASSIGN_OR_RETURN(std::vector<LogFile> files, ListLogFiles(fs, st.table_root, 0));
  // Each version's date by file time: its commit's modification time (the newest of its other
  // files once the commit is gone), never earlier than an older version's.
  std::set<int64_t> committed;
  for (const LogFile& f : files) {
    if (f.type == LogFileType::kCommit) committed.insert(f.version);
  }
  std::map<int64_t, int64_t> file_time;
  for (const LogFile& f : files) {
    if (f.type == LogFileType::kCompaction) continue;
    if (f.type != LogFileType::kCommit && committed.count(f.version) > 0) continue;
    auto [it, fresh] = file_time.try_emplace(f.version, f.file.modification_time_ms);
    if (!fresh) it->second = std::max(it->second, f.file.modification_time_ms);
  }
  int64_t floor = INT64_MIN;
  for (auto& [version, t] : file_time) t = floor = std::max(floor, t);

  // The checkpoint to start from: the newest complete one at or below the snapshot's version
  // dated at or before the cutoff. Dates only grow with the version, so the first such one
  // (newest first) is it.
  const std::optional<int64_t> ict_from = InCommitTimestampEnablementVersion(st.metadata);
  std::set<int64_t, std::greater<>> candidates;
  for (const LogFile& f : files) {
    if (f.is_checkpoint() && f.version <= st.version) candidates.insert(f.version);
  }
  std::optional<int64_t> cut;
  for (int64_t v : candidates) {
    int64_t date = file_time[v];
    if (ict_from && v >= *ict_from) {
      auto commit = std::find_if(files.begin(), files.end(), [&](const LogFile& f) {
        return f.type == LogFileType::kCommit && f.version == v;
      });
      if (commit != files.end()) {
        DELTA_ASSIGN_OR_RETURN(date, InCommitTimestampOf(engine, st.metadata, *commit));
      }
    }
    if (date > result.cutoff_ms) continue;
    // Complete (every part there), as a reader would choose it.
    auto seg = BuildLogSegmentFromListing(st.table_root, files, v, true);
    if (seg.ok() && seg->checkpoint_version == v) {
      cut = v;
      break;
    }
  }
  if (cut && *cut > 0) result.earliest_version = cut;

  // checkpointProtection: cut past requireCheckpointProtectionBeforeVersion in one go, or not
  // at all.
  if (result.earliest_version && st.protocol.HasWriterFeature(feature::kCheckpointProtection)) {
    int64_t protect = 0;
    if (auto raw = props.Get(kRequireCheckpointProtectionBeforeVersion)) {
      auto r = std::from_chars(raw->data(), raw->data() + raw->size(), protect);
      if (r.ec != std::errc() || r.ptr != raw->data() + raw->size()) {
        return Status::InvalidTable("table property " +
                                    std::string(kRequireCheckpointProtectionBeforeVersion) + "=" +
                                    std::string(*raw) + " is not a version");
      }
    }
    if (*result.earliest_version < protect) {
      result.skipped = "checkpointProtection: the log can be cut at version " +
                       std::to_string(*result.earliest_version) + " only, before " +
                       std::string(kRequireCheckpointProtectionBeforeVersion) + "=" +
                       std::to_string(protect);
      result.earliest_version.reset();
      return result;
    }
  }

  // Oldest version first: a run that stops halfway leaves a log that still starts at a
  // checkpoint.
  std::vector<const LogFile*> expired;
  if (result.earliest_version) {
    for (const LogFile& f : files) {
      if (f.version < *result.earliest_version) expired.push_back(&f);
    }
  }
  std::stable_sort(expired.begin(), expired.end(),
                   [](const LogFile* a, const LogFile* b) { return a->version < b->version; });

  // Sidecars: those no remaining v2 checkpoint names, and old enough that no checkpoint being
  // written now can be about to name them.
  std::set<std::string> named;
  for (const LogFile& f : files) {
    if (f.type != LogFileType::kV2Checkpoint) continue;
    if (result.earliest_version && f.version < *result.earliest_version) continue;
    DELTA_RETURN_NOT_OK(AddSidecarNames(engine, log_root, f, &named)
                            .WithContext("reading the sidecars of " + f.file.location));
  }
  std::vector<FileInfo> sidecars;
  auto listed = fs.ListPrefix(log_root + "/_sidecars/");
  if (!listed.ok() && !listed.status().IsNotFound()) {
    return listed.status().WithContext("listing " + log_root + "/_sidecars");
  }
  if (listed.ok()) {
    for (FileInfo& s : *listed) {
      if (s.modification_time_ms > result.cutoff_ms) continue;
      if (named.count(std::string(FileNameOf(s.location))) > 0) continue;
      sidecars.push_back(std::move(s));
    }
  }

  std::vector<std::string> locations;
  for (const LogFile* f : expired) {
    locations.push_back(f->file.location);
    result.bytes += f->file.size;
  }
  for (const FileInfo& s : sidecars) {
    locations.push_back(s.location);
    result.bytes += s.size;
  }
  if (!options.dry_run && !locations.empty()) {
    DELTA_RETURN_NOT_OK(
        fs.DeleteMany(locations).WithContext("cleaning up the log of " + st.table_root));
  }
  result.files_deleted = std::move(locations);
  std::sort(result.files_deleted.begin(), result.files_deleted.end());
  return result;
}

Result<LogCleanupResult> CleanupExpiredLogs(const Table& table, const LogCleanupOptions& options) {
  DELTA_ASSIGN_OR_RETURN(auto snapshot, table.LatestSnapshot());
  return CleanupExpiredLogs(*snapshot, options);
}

}  // namespace delta
