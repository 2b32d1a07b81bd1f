// Vacuum: delete the files under a table's root that no version inside the retention window
// needs any more (data files, deletion vector files, change data files), as Delta Spark's
// VACUUM does. docs/maintenance.md has the safety rules.
//
//   VacuumOptions opts;
//   opts.dry_run = true;  // list only
//   DELTA_ASSIGN_OR_RETURN(VacuumResult r, Vacuum(table, opts));  // r.files_deleted, r.bytes
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "delta/status.h"
#include "delta/transaction.h"

namespace delta {

class Snapshot;
class Table;

/// How vacuum finds the files it may delete.
enum class VacuumMode {
  /// Lists every file under the table root (FileSystem::ListRecursive) and deletes those that
  /// are not referenced and are older than the retention: also finds files of failed writes.
  kFull,
  /// Lists nothing: the candidates are the files named by the removes (and their deletion
  /// vectors) in the checkpoint and in the commits still in the log, past the retention. It
  /// misses files no commit ever referenced (failed or abandoned writes), change data files,
  /// and files removed by commits that log cleanup already deleted; a full vacuum finds them.
  kLite,
};

/// Where a running vacuum is.
struct VacuumProgress {
  enum class Phase { kListing, kDeleting };
  Phase phase = Phase::kListing;
  int64_t done = 0;   ///< files listed (kListing) or deleted (kDeleting) so far
  int64_t total = 0;  ///< files to delete (kDeleting); 0 while listing
};

/// What Vacuum deletes and how.
struct VacuumOptions {
  /// Files removed from the table longer ago than this (and unreferenced files older than
  /// this) are deleted. Default: the table's delta.deletedFileRetentionDuration (7 days).
  std::optional<int64_t> retention_ms;
  /// Refuse (InvalidArgument naming both) a retention shorter than the table's: a concurrent
  /// reader or writer may still need files younger than that.
  bool enforce_retention = true;
  /// List what would be deleted; delete and commit nothing.
  bool dry_run = false;
  VacuumMode mode = VacuumMode::kFull;
  /// Record the run in the table's history as two commitInfo-only commits, VACUUM START and
  /// VACUUM END, as Delta Spark does. Default: as Delta Spark 4 decides by default, on for
  /// file, hdfs, gs, abfs, abfss, wasbs, wasbss and adl locations, off for others (s3).
  std::optional<bool> log_to_history;
  /// "Now" in ms since the epoch, instead of the wall clock (for tests).
  std::optional<int64_t> now_ms;
  /// Called from the calling thread or the engine's executor, never concurrently.
  std::function<void(const VacuumProgress&)> on_progress;
  /// For the VACUUM START / END commits.
  TransactionOptions transaction;
};

/// What Vacuum did (or, for a dry run, would do).
struct VacuumResult {
  bool dry_run = false;
  /// Absolute URIs of the files deleted (dry run: to delete), sorted.
  std::vector<std::string> files_deleted;
  int64_t bytes = 0;              ///< their total size
  int64_t snapshot_version = -1;  ///< the version whose references were kept
  int64_t retention_ms = 0;       ///< the retention applied
  int64_t cutoff_ms = 0;          ///< files older than this (ms since epoch) could be deleted
  /// Files kept because a commit after snapshot_version references them (a concurrent writer).
  int64_t kept_for_newer_commits = 0;
  /// Versions of the VACUUM START and END commits, when logged.
  std::optional<int64_t> start_version;
  std::optional<int64_t> end_version;
};

/// Vacuums the table `snapshot` shows, keeping everything its version and any later commit
/// references. Unsupported (naming the feature) when this kernel cannot write the table (its
/// writer protocol, as vacuumProtocolCheck requires); InvalidArgument for a retention shorter
/// than the table's (unless !enforce_retention) or negative; Unsupported in kFull mode when the
/// file system cannot list recursively. A file that cannot be deleted is an error naming it
/// (files deleted before it stay deleted: deleting unreferenced files again is harmless).
Result<VacuumResult> Vacuum(std::shared_ptr<const Snapshot> snapshot,
                            const VacuumOptions& options = {});

/// Vacuums the latest version of `table`.
Result<VacuumResult> Vacuum(const Table& table, const VacuumOptions& options = {});

}  // namespace delta
