#include "delta/table.h"

#include <algorithm>

#include "log/commit_range.h"
#include "log/log_segment.h"
#include "log/replay.h"
#include "log/snapshot_state.h"
#include "protocol/uri.h"
#include "scan/partition_values.h"
#include "util/task_guard.h"

namespace delta {
namespace {

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
        CommitRange listed = CommitRange::FromListing(location_, files);

        // The earliest version that can be reconstructed: 0, or the oldest complete checkpoint.
        int64_t earliest = -1;
        bool has_zero = !listed.empty() && listed.first_version() == 0;
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
        CommitRange range =
            earliest < 0 ? CommitRange() : CommitRange::FromListing(location_, files, earliest);
        if (range.empty()) {
          return Status::NotFound("table " + location_ +
                                  " has no commits that can be time travelled to");
        }
        DELTA_ASSIGN_OR_RETURN(std::vector<int64_t> timestamps,
                               range.Timestamps(*engine_, metadata));
        if (timestamp_ms < timestamps.front()) {
          return Status::NotFound(
              "timestamp " + FormatEpochMillis(timestamp_ms) + " is before the earliest " +
              "available version " + std::to_string(range.first_version()) + " of table " +
              location_ + " (committed at " + FormatEpochMillis(timestamps.front()) + ")");
        }
        if (timestamp_ms > timestamps.back()) {
          return Status::NotFound(
              "timestamp " + FormatEpochMillis(timestamp_ms) + " is after the latest version " +
              std::to_string(range.last_version()) + " of table " + location_ +
              " (committed at " + FormatEpochMillis(timestamps.back()) +
              "); use a timestamp at or before it");
        }
        // The newest commit at or before the timestamp.
        auto it = std::upper_bound(timestamps.begin(), timestamps.end(), timestamp_ms);
        size_t idx = static_cast<size_t>(it - timestamps.begin()) - 1;
        int64_t version = range.commits()[idx].version;
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
        // Only the newest `limit` commits are read; older ones date them by file time alone.
        CommitRange all = CommitRange::FromListing(location_, log.files);
        CommitRange newest = limit ? all.Newest(static_cast<size_t>(*limit)) : all;
        std::vector<HistoryEntry> out;
        out.reserve(newest.size());
        DELTA_RETURN_NOT_OK(newest.ForEach(*engine_, log.metadata, [&](LogCommit&& c) {
          HistoryEntry e;
          e.version = c.version;
          e.timestamp = c.timestamp_ms;
          e.commit_info = std::move(c.actions->commit_info);
          out.push_back(std::move(e));
          return Status::OK();
        }));
        std::reverse(out.begin(), out.end());  // newest first
        return out;
      });
}

}  // namespace delta
