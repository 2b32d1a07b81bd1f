// Entry point: a Delta table at a location, from which snapshots and history are read.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "delta/actions.h"
#include "delta/engine.h"
#include "delta/snapshot.h"
#include "delta/status.h"

namespace delta {

/// One commit in the table's history.
struct HistoryEntry {
  int64_t version = 0;
  /// In-commit timestamp when enabled at that version, else the commit file's modification
  /// time (ms since epoch).
  int64_t timestamp = 0;
  std::optional<CommitInfo> commit_info;  ///< absent if the commit has no commitInfo
};

/// A Delta table at a location. Cheap to copy; holds no table state itself.
class Table {
 public:
  /// `location` is a URI (file:///..., s3://...) or a local path, relative or absolute;
  /// "file:rel/path" is a path relative to the working directory.
  static Result<Table> ForLocation(std::string_view location, std::shared_ptr<Engine> engine);

  /// The table root as a normalised URI ending without '/'.
  const std::string& location() const { return location_; }
  const std::shared_ptr<Engine>& engine() const { return engine_; }

  /// The newest snapshot.
  Result<std::shared_ptr<const Snapshot>> LatestSnapshot(const SnapshotOptions& options = {}) const;
  /// The snapshot at exactly `version`; NotFound if the log no longer (or not yet) holds it.
  Result<std::shared_ptr<const Snapshot>> SnapshotAtVersion(
      int64_t version, const SnapshotOptions& options = {}) const;
  /// The snapshot current at `timestamp_ms`: the newest commit whose timestamp is <= it.
  /// NotFound, naming both bounds, for a time before the earliest reconstructable version or
  /// after the newest commit (a later commit could still land there, so the answer would not
  /// be repeatable). File modification times that go backwards count as the previous commit's.
  Result<std::shared_ptr<const Snapshot>> SnapshotAtTimestamp(
      int64_t timestamp_ms, const SnapshotOptions& options = {}) const;

  /// Commits newest first, at most `limit` of them (all when nullopt).
  Result<std::vector<HistoryEntry>> History(std::optional<int64_t> limit = std::nullopt) const;

 private:
  Result<std::shared_ptr<const Snapshot>> SnapshotAtVersionImpl(
      std::optional<int64_t> version, const SnapshotOptions& options) const;
  Table(std::string location, std::shared_ptr<Engine> engine)
      : location_(std::move(location)), engine_(std::move(engine)) {}
  std::string location_;
  std::shared_ptr<Engine> engine_;
};

}  // namespace delta
