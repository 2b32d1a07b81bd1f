#include "delta/table.h"

#include <algorithm>

#include "log/commit_timestamp.h"
#include "log/log_segment.h"
#include "log/replay.h"
#include "log/snapshot_state.h"
#include "protocol/action_json.h"
#include "protocol/uri.h"
#include "scan/partition_values.h"
#include "util/parallel.h"
#include "util/task_guard.h"

namespace delta {
namespace {

// Reads the commitInfo of each given commit file (in parallel).
Status ReadCommitInfos(Engine& engine, const std::vector<const LogFile*>& commits,
                       std::vector<std::optional<CommitInfo>>* out) {
  out->assign(commits.size(), std::nullopt);
  std::vector<Status> statuses(commits.size());
  std::vector<std::string> locations;
  for (const LogFile* f : commits) locations.push_back(f->file.location);
  engine.file_system().ReadFiles(locations, [&](size_t i, Result<std::string> data) {
    if (!data.ok()) {
      statuses[i] = data.status().WithContext("reading " + locations[i]);
      return;
    }
    ActionBatch batch;
    statuses[i] = ParseJsonActions(&*data, locations[i], &batch);
    (*out)[i] = std::move(batch.commit_info);
  });
  for (Status& s : statuses) DELTA_RETURN_NOT_OK(s);
  return Status::OK();
}

// Commit timestamps of every listed commit, in version order. File modification times are
// made non-decreasing so that timestamp lookups are well defined when a clock went backwards;
// equal times are left equal, so a lookup at a commit's own time returns the newest commit
// with that time.
struct CommitTimeline {
  std::vector<const LogFile*> commits;
  std::vector<int64_t> timestamps;
  std::vector<std::optional<CommitInfo>> infos;  // filled only where read
};

Result<CommitTimeline> BuildTimeline(Engine& engine, const std::vector<LogFile>& files,
                                     const Metadata& latest_metadata, bool read_all_infos) {
  CommitTimeline tl;
  for (const LogFile& f : files) {
    if (f.type == LogFileType::kCommit) tl.commits.push_back(&f);
  }
  std::optional<int64_t> ict_from = InCommitTimestampEnablementVersion(latest_metadata);
  std::vector<const LogFile*> to_read;
  std::vector<size_t> to_read_index;
  for (size_t i = 0; i < tl.commits.size(); ++i) {
    if (read_all_infos || (ict_from && tl.commits[i]->version >= *ict_from)) {
      to_read.push_back(tl.commits[i]);
      to_read_index.push_back(i);
    }
  }
  std::vector<std::optional<CommitInfo>> infos;
  DELTA_RETURN_NOT_OK(ReadCommitInfos(engine, to_read, &infos));
  tl.infos.assign(tl.commits.size(), std::nullopt);
  for (size_t k = 0; k < to_read.size(); ++k) tl.infos[to_read_index[k]] = std::move(infos[k]);
  tl.timestamps.resize(tl.commits.size());
  int64_t prev = INT64_MIN;
  for (size_t i = 0; i < tl.commits.size(); ++i) {
    DELTA_ASSIGN_OR_RETURN(int64_t ts, CommitTimestamp(latest_metadata, tl.commits[i]->version,
                                                       tl.infos[i], tl.commits[i]->file));
    bool ict = ict_from && tl.commits[i]->version >= *ict_from;
    if (!ict && prev != INT64_MIN && ts < prev) ts = prev;
    tl.timestamps[i] = ts;
    prev = ts;
  }
  return tl;
}

// The whole listing of a log and its latest metadata: where history and time travel start.
struct LogOverview {
  std::vector<LogFile> files;
  Metadata metadata;
};

Result<LogOverview> ReadLogOverview(Engine& engine, const std::string& location) {
  LogOverview out;
  DELTA_ASSIGN_OR_RETURN(out.files, ListLogFiles(engine.file_system(), location, 0));
  DELTA_ASSIGN_OR_RETURN(LogSegment latest,
                         BuildLogSegmentFromListing(location, out.files, std::nullopt, true));
  Protocol protocol;
  DELTA_RETURN_NOT_OK(LoadProtocolAndMetadata(engine, latest, &protocol, &out.metadata));
  return out;
}

}  // namespace

namespace {
ReplayOptions ReplayOptionsFor(const SnapshotOptions& options) {
  ReplayOptions r;
  r.defer_checkpoint_files = options.file_list == FileListMode::kStreamed;
  return r;
}
}  // namespace

Result<Table> Table::ForLocation(std::string_view location, std::shared_ptr<Engine> engine) {
  if (location.empty()) return Status::InvalidArgument("table location is empty");
  if (!engine) return Status::InvalidArgument("engine is null");
  return Table(TableLocationToUri(location), std::move(engine));
}

Result<std::shared_ptr<const Snapshot>> Table::LatestSnapshot(
    const SnapshotOptions& options) const {
  return SnapshotAtVersionImpl(std::nullopt, options);
}

Result<std::shared_ptr<const Snapshot>> Table::SnapshotAtVersion(
    int64_t version, const SnapshotOptions& options) const {
  if (version < 0) {
    return Status::InvalidArgument("version must be >= 0, got " + std::to_string(version));
  }
  return SnapshotAtVersionImpl(version, options);
}

Result<std::shared_ptr<const Snapshot>> Table::SnapshotAtVersionImpl(
    std::optional<int64_t> version, const SnapshotOptions& options) const {
  return CatchAsStatus(
      "loading a snapshot of", location_, [&]() -> Result<std::shared_ptr<const Snapshot>> {
        DELTA_ASSIGN_OR_RETURN(LogSegment seg,
                               BuildLogSegment(engine_->file_system(), location_, version));
        DELTA_ASSIGN_OR_RETURN(auto state,
                               ReplaySegment(engine_, std::move(seg), ReplayOptionsFor(options)));
        return std::shared_ptr<const Snapshot>(std::make_shared<Snapshot>(std::move(state)));
      });
}

Result<std::shared_ptr<const Snapshot>> Table::SnapshotAtTimestamp(
    int64_t timestamp_ms, const SnapshotOptions& options) const {
  return CatchAsStatus(
      "loading a snapshot of", location_, [&]() -> Result<std::shared_ptr<const Snapshot>> {
        DELTA_ASSIGN_OR_RETURN(LogOverview log, ReadLogOverview(*engine_, location_));
        const std::vector<LogFile>& files = log.files;
        const Metadata& metadata = log.metadata;
        DELTA_ASSIGN_OR_RETURN(CommitTimeline tl, BuildTimeline(*engine_, files, metadata, false));

        // The earliest version that can be reconstructed: 0, or the oldest complete checkpoint.
        int64_t earliest = -1;
        bool has_zero = !tl.commits.empty() && tl.commits.front()->version == 0;
        if (has_zero) {
          earliest = 0;
        } else {
          for (const LogFile& f : files) {
            if (!f.is_checkpoint()) continue;
            auto seg = BuildLogSegmentFromListing(location_, files, f.version, true);
            if (seg.ok() && seg->checkpoint_version == f.version) {
              earliest = f.version;
              break;
            }
          }
        }
        size_t first = 0;
        while (first < tl.commits.size() && tl.commits[first]->version < earliest) ++first;
        if (earliest < 0 || first == tl.commits.size()) {
          return Status::NotFound("table " + location_ +
                                  " has no commits that can be time travelled to");
        }
        if (timestamp_ms < tl.timestamps[first]) {
          return Status::NotFound(
              "timestamp " + FormatEpochMillis(timestamp_ms) + " is before the earliest " +
              "available version " + std::to_string(tl.commits[first]->version) + " of table " +
              location_ + " (committed at " + FormatEpochMillis(tl.timestamps[first]) + ")");
        }
        if (timestamp_ms > tl.timestamps.back()) {
          return Status::NotFound(
              "timestamp " + FormatEpochMillis(timestamp_ms) + " is after the latest version " +
              std::to_string(tl.commits.back()->version) + " of table " + location_ +
              " (committed at " + FormatEpochMillis(tl.timestamps.back()) +
              "); use a timestamp at or before it");
        }
        // The newest commit at or before the timestamp.
        auto it = std::upper_bound(tl.timestamps.begin() + static_cast<ptrdiff_t>(first),
                                   tl.timestamps.end(), timestamp_ms);
        size_t idx = static_cast<size_t>(it - tl.timestamps.begin()) - 1;
        int64_t version = tl.commits[idx]->version;
        DELTA_ASSIGN_OR_RETURN(LogSegment seg,
                               BuildLogSegmentFromListing(location_, files, version, true));
        DELTA_ASSIGN_OR_RETURN(auto state,
                               ReplaySegment(engine_, std::move(seg), ReplayOptionsFor(options)));
        return std::shared_ptr<const Snapshot>(std::make_shared<Snapshot>(std::move(state)));
      });
}

Result<std::vector<HistoryEntry>> Table::History(std::optional<int64_t> limit) const {
  return CatchAsStatus(
      "reading the history of", location_, [&]() -> Result<std::vector<HistoryEntry>> {
        if (limit && *limit < 0) {
          return Status::InvalidArgument("history limit must be >= 0, got " +
                                         std::to_string(*limit));
        }
        DELTA_ASSIGN_OR_RETURN(LogOverview log, ReadLogOverview(*engine_, location_));
        const std::vector<LogFile>& files = log.files;
        const Metadata& metadata = log.metadata;
        // Only the newest `limit` commits need their commitInfo read.
        std::vector<LogFile> wanted;
        for (const LogFile& f : files) {
          if (f.type == LogFileType::kCommit) wanted.push_back(f);
        }
        size_t keep =
            limit ? std::min<size_t>(static_cast<size_t>(*limit), wanted.size()) : wanted.size();
        // Timestamps of older commits matter only through monotonisation of mtimes, which looks
        // backwards; include every commit but read commitInfo just for the kept ones.
        DELTA_ASSIGN_OR_RETURN(CommitTimeline tl, BuildTimeline(*engine_, wanted, metadata, false));
        std::vector<const LogFile*> read;
        for (size_t i = tl.commits.size() - keep; i < tl.commits.size(); ++i)
          read.push_back(tl.commits[i]);
        std::vector<std::optional<CommitInfo>> infos;
        DELTA_RETURN_NOT_OK(ReadCommitInfos(*engine_, read, &infos));
        std::vector<HistoryEntry> out;
        out.reserve(keep);
        for (size_t k = read.size(); k-- > 0;) {
          size_t i = tl.commits.size() - keep + k;
          HistoryEntry e;
          e.version = tl.commits[i]->version;
          e.timestamp = tl.timestamps[i];
          e.commit_info = std::move(infos[k]);
          out.push_back(std::move(e));
        }
        return out;
      });
}

}  // namespace delta
