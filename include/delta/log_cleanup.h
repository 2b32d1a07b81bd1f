// Log cleanup (metadata cleanup): delete the commits, checksums, checkpoints, compactions and
// unreferenced v2 sidecars that no version inside `delta.logRetentionDuration` needs, as Delta
// Spark does after a checkpoint. docs/maintenance.md has the rules.
//
//   LogCleanupOptions opts;
//   opts.dry_run = true;  // list only
//   DELTA_ASSIGN_OR_RETURN(LogCleanupResult r, CleanupExpiredLogs(table, opts));
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "delta/status.h"

namespace delta {

class Snapshot;
class Table;

/// How CleanupExpiredLogs runs.
struct LogCleanupOptions {
  /// "Now" in ms since the epoch, instead of the wall clock (tests).
  std::optional<int64_t> now_ms;
  /// List what would be deleted; delete nothing.
  bool dry_run = false;
};

/// What CleanupExpiredLogs deleted (or, for a dry run, would delete).
struct LogCleanupResult {
  bool dry_run = false;
  /// Absolute URIs of the files deleted (dry run: to delete), sorted.
  std::vector<std::string> files_deleted;
  int64_t bytes = 0;         ///< their total size
  int64_t retention_ms = 0;  ///< delta.logRetentionDuration
  /// Versions dated at or before this (now - retention, truncated to the start of its UTC day)
  /// are out of the retention.
  int64_t cutoff_ms = 0;
  /// The checkpoint the log now starts from: the newest one dated at or before the cutoff. Every
  /// version from it on can still be read; older ones cannot. nullopt when no checkpoint is
  /// that old (nothing but unreferenced sidecars is deleted then).
  std::optional<int64_t> earliest_version;
  /// Why nothing was deleted although files had expired (e.g. checkpointProtection), or empty.
  std::string skipped;
};

/// Deletes what the log of `snapshot`'s table no longer needs, judged at `snapshot`'s version
/// and table properties: every log file of a version older than the newest checkpoint dated at
/// or before the cutoff (commits, `.crc`, checkpoints, compactions that start before it), and
/// the sidecars in `_delta_log/_sidecars/` that no remaining checkpoint names and whose file
/// is older than the cutoff. Commit dates are in-commit timestamps where enabled, else the
/// commit files' modification times made non-decreasing. With the checkpointProtection
/// feature nothing is deleted unless the log can be cut at or past
/// `delta.requireCheckpointProtectionBeforeVersion` in one go. Deletes oldest versions first,
/// so a failure (an error naming the file) leaves a log that still reads from its checkpoint.
Result<LogCleanupResult> CleanupExpiredLogs(const Snapshot& snapshot,
                                            const LogCleanupOptions& options = {});

/// CleanupExpiredLogs of the latest version of `table`.
Result<LogCleanupResult> CleanupExpiredLogs(const Table& table,
                                            const LogCleanupOptions& options = {});

}  // namespace delta
