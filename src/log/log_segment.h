// The set of log files that define one version of a table: the newest usable checkpoint at
// or below it, the commits after that checkpoint, and optional compaction and CRC files.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "delta/engine.h"
#include "log/log_path.h"

namespace delta {

/// What `_delta_log/_last_checkpoint` says. Only ever a hint.
struct LastCheckpointHint {
  int64_t version = 0;
  std::optional<int64_t> parts;
};

struct LogSegment {
  std::string table_root;  ///< URI of the table root
  std::string log_root;    ///< URI of _delta_log
  int64_t version = -1;    ///< the version this segment describes
  /// Files of the chosen checkpoint (one, or every part in order); empty when none.
  std::vector<LogFile> checkpoint;
  std::optional<int64_t> checkpoint_version;
  /// Commits (checkpoint_version, version], ascending and contiguous.
  std::vector<LogFile> commits;
  /// Compaction files chosen to stand in for runs of commits; disjoint, ascending.
  std::vector<LogFile> compactions;
  /// The commit file of `version` itself, when listed (it may precede the checkpoint when the
  /// checkpoint is at `version`); its commitInfo and modification time date the snapshot.
  std::optional<LogFile> latest_commit;
  /// The CRC file of `version`, when one was listed.
  std::optional<LogFile> checksum;
  /// Things the caller may want to report (a stale hint, an ignored incomplete checkpoint).
  std::vector<std::string> warnings;
};

/// Reads and parses `_last_checkpoint`. Missing or unreadable gives nullopt (with a warning
/// appended for a corrupt one): the hint is never required.
std::optional<LastCheckpointHint> ReadLastCheckpointHint(FileSystem& fs,
                                                         const std::string& log_root,
                                                         std::vector<std::string>* warnings);

/// Lists every recognised log file with version >= `from_version`, sorted by version then
/// name. NotFound (naming the table) when `_delta_log` does not exist.
Result<std::vector<LogFile>> ListLogFiles(FileSystem& fs, const std::string& table_root,
                                          int64_t from_version);

/// Builds the segment for `version` (latest when nullopt). Errors: NotFound when there is no
/// table or the version is not (or no longer) in the log; InvalidTable for a gap in commits.
Result<LogSegment> BuildLogSegment(FileSystem& fs, const std::string& table_root,
                                   std::optional<int64_t> version);

/// Builds a segment from an already listed set of log files (sorted as ListLogFiles does).
Result<LogSegment> BuildLogSegmentFromListing(const std::string& table_root,
                                              const std::vector<LogFile>& files,
                                              std::optional<int64_t> version,
                                              bool listing_is_complete);

}  // namespace delta
