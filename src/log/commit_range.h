// A range of commits of one table, the one way the log layer reads commits as commits: each
// with its version, file, timestamp (dated once, by the rule in log/commit_timestamp.h) and
// parsed actions. History, time travel, the change data feed and conflict checking (the
// winners (readVersion, latest] after a failed put-if-absent) all read commits through it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "delta/actions.h"
#include "delta/engine.h"
#include "delta/status.h"
#include "log/log_path.h"
#include "protocol/action_batch.h"

namespace delta {

/// One commit, read and dated.
struct LogCommit {
  int64_t version = 0;
  FileInfo file;
  /// Its in-commit timestamp where in force, else its file's time never earlier than an
  /// earlier commit's (SmoothedCommitTimestamp).
  int64_t timestamp_ms = 0;
  /// The commit's actions; owns what their views point to. Not shared when handed out, so
  /// a caller may move what it keeps out of it.
  std::shared_ptr<ActionBatch> actions;
};

/// The commit files of a range of versions, listed; nothing is read until asked. Reading
/// fetches many commits at once and parses them in parallel (log/commit_reader.h).
class CommitRange {
 public:
  /// No commits.
  CommitRange() = default;

  /// Commits [first, last] of the table at `table_root` (`last` nullopt: up to the latest;
  /// the range is empty when `first` is past it). Every version must have its commit file:
  /// NotFound naming the first missing version otherwise (e.g. removed by log cleanup, or
  /// `last` past the latest). The whole log is listed: earlier commits' times date the range.
  static Result<CommitRange> List(FileSystem& fs, const std::string& table_root, int64_t first,
                                  std::optional<int64_t> last = std::nullopt);

  /// The commits after `read_version` up to the latest, (read_version, latest]: what was
  /// committed since a snapshot at `read_version` was read (the winners a losing writer
  /// checks). Lists only from read_version + 1, so file times are not smoothed against earlier
  /// commits. Empty when nothing was committed.
  static Result<CommitRange> After(FileSystem& fs, const std::string& table_root,
                                   int64_t read_version);
  /// The commit files `listing` (sorted as ListLogFiles returns, from version 0) holds in
  /// [first, last], as they are: no version is required (history shows what is there).
  static CommitRange FromListing(const std::string& table_root, const std::vector<LogFile>& listing,
                                 int64_t first = 0, std::optional<int64_t> last = std::nullopt);

  const std::string& table_root() const { return table_root_; }
  /// Ascending by version.
  const std::vector<LogFile>& commits() const { return commits_; }
  bool empty() const { return commits_.empty(); }
  size_t size() const { return commits_.size(); }
  /// Versions of the oldest and newest commit (the range must not be empty).
  int64_t first_version() const { return commits_.front().version; }
  int64_t last_version() const { return commits_.back().version; }

  /// The newest `n` commits (all when there are fewer), dated as in this range.
  CommitRange Newest(size_t n) const;

  /// Reads every commit, in version order. `metadata_before` is the table's metadata at
  /// version first_version() - 1 (or at first_version()); with the range's own metaData
  /// actions it gives the metadata at the range's end, which decides where in-commit
  /// timestamps apply. Errors: the first commit (in version order) that cannot be read or
  /// parsed; InvalidTable for a missing in-commit timestamp.
  Result<std::vector<LogCommit>> ReadAll(Engine& engine, const Metadata& metadata_before) const;

  /// Reads the commits a window of bounded size at a time and calls `fn` for each in version
  /// order, for callers that keep little of each commit. `end_metadata` is the table's
  /// metadata at last_version() or later. Stops at the first error, read or returned by `fn`.
  Status ForEach(Engine& engine, const Metadata& end_metadata,
                 const std::function<Status(LogCommit&&)>& fn) const;

  /// Every commit's timestamp, in version order. Reads only the commits dated by in-commit
  /// timestamp (per `end_metadata`, the metadata at last_version() or later); the others are
  /// dated by file time from the listing alone.
  Result<std::vector<int64_t>> Timestamps(Engine& engine, const Metadata& end_metadata) const;

 private:
  // NotFound naming the first version missing from [first, last] in `range`.
  static Status CheckContiguous(const CommitRange& range, int64_t first,
                                std::optional<int64_t> last);
  // Reads and parses commits [begin, end) of this range.
  Status Parse(Engine& engine, size_t begin, size_t end, std::vector<ActionBatch>* out) const;
  // Commit `i` of this range with its parsed actions, dated by `metadata` (at the range's end).
  Result<LogCommit> Dated(size_t i, ActionBatch&& actions, const Metadata& metadata) const;

  std::string table_root_;
  std::vector<LogFile> commits_;
  std::vector<int64_t> latest_file_times_;  // LatestFileTimes of commits_, earlier ones included
};

}  // namespace delta
