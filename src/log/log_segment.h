// The set of log files that define one version of a table: the newest usable checkpoint at
// or below it, the commits after that checkpoint, and optional compaction and CRC files.
#pragma once

#include <cstdint>
#include <memory>
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
  /// A v2 checkpoint's "v2Checkpoint" entry, kept when it lists both the non-file actions
  /// (protocol, metaData and checkpointMetadata of this version among them) and the sidecars,
  /// and the file's checksum (when present) holds.
  struct V2 {
    std::string path;  ///< file name of the top-level checkpoint file
    int64_t size_in_bytes = 0;
    /// Those actions as JSON lines (sidecars as {"sidecar":{...}}), for ParseJsonActions.
    std::shared_ptr<const std::string> actions;
  };
  std::optional<V2> v2;
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
  /// The checkpoint's non-file actions and sidecar actions as JSON lines, from
  /// `_last_checkpoint`, when it described exactly the chosen v2 checkpoint file (name and
  /// size): readers that need only those skip opening the file.
  std::shared_ptr<const std::string> v2_checkpoint_actions;
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
