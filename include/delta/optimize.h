// OPTIMIZE: compacts a table's small files into bigger ones (bin-packing), or rewrites them
// sorted along a Z-order curve over chosen columns so that data skipping on any of those
// columns prunes more files. Rows, deletions and the table's version history are kept: the
// commit carries adds and removes with dataChange=false, so readers of the change feed and
// streaming readers see no change and concurrent appends never conflict with it.
//
// A clustered table (the clustering feature, "liquid clustering", with its columns in the
// delta.clustering domain metadata) is clustered instead: every file no clustering wrote yet
// (no clusteringProvider) is rewritten sorted by the clustering columns (Z-order over several)
// and the new files carry clusteringProvider "liquid". Files already clustered are left alone,
// so a second OPTIMIZE with no new files commits nothing.
//
//   OptimizeOptions opts;
//   opts.predicate = "day >= '2024-01-01'";  // partition columns only
//   opts.z_order = {"x", "y"};                // optional
//   DELTA_ASSIGN_OR_RETURN(OptimizeResult r, Optimize("/data/events", engine, opts));
//
// Executing reads and writes data files: implemented by the default engine (link
// delta_kernel_arrow), as scan_execution.h is.
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

class Engine;
class Snapshot;

/// Where a running Optimize is.
struct OptimizeProgress {
  int64_t bins_total = 0;   ///< bins planned (each becomes one or more new files)
  int64_t bins_done = 0;    ///< bins written
  int64_t files_total = 0;  ///< files the bins rewrite
  int64_t files_done = 0;   ///< of those, files read and rewritten so far
  int64_t bytes_total = 0;  ///< their sizes
  int64_t bytes_done = 0;
  bool committing = false;  ///< every bin written; the commit is being made
};

/// What to optimize and how.
struct OptimizeOptions {
  /// Only files in partitions matching this predicate (ParseExpression's syntax, partition
  /// columns only: InvalidArgument naming any other column). Empty = the whole table.
  std::string predicate;
  /// Sort the rewritten rows along a Z-order curve over these columns (top-level, not partition
  /// columns, of a primitive type). Every file of each selected partition is rewritten, even a
  /// lone one. Empty = bin-packing compaction only. A clustered table takes none
  /// (InvalidArgument): it is sorted by its clustering columns.
  std::vector<std::string> z_order;
  /// Largest bin, and the size at which the writer starts a new file (bytes). Default: the
  /// table's delta.targetFileSize when set, else 1 GiB (Delta Spark's optimize.maxFileSize).
  std::optional<int64_t> target_size;
  /// Files of at least this size are left alone by compaction (unless too many of their rows
  /// are deleted). Default: the target size (Delta Spark's optimize.minFileSize = maxFileSize).
  std::optional<int64_t> min_file_size;
  /// Files whose deletion vector removes more than this fraction of their rows are compacted
  /// whatever their size (Delta Spark's optimize.maxDeletedRowsRatio).
  double max_deleted_rows_ratio = 0.05;
  /// Called after planning, after each bin and before the commit, on the calling thread.
  std::function<void(const OptimizeProgress&)> progress;
  /// How the commit is made (retries, clock). Its isolation is SnapshotIsolation whatever is
  /// set here: every action has dataChange=false.
  TransactionOptions transaction;
};

/// What Optimize did.
struct OptimizeResult {
  int64_t files_considered = 0;  ///< live files the predicate selected
  int64_t files_removed = 0;     ///< files rewritten (removed with dataChange=false)
  int64_t files_added = 0;       ///< files written
  int64_t bytes_removed = 0;     ///< their sizes
  int64_t bytes_added = 0;
  int64_t partitions_optimized = 0;      ///< distinct partitions with at least one bin
  int64_t bins = 0;                      ///< groups of files rewritten together
  int64_t deletion_vectors_removed = 0;  ///< rewritten files that carried one
  int64_t rows_written = 0;
  /// The commit; nullopt when there was nothing to rewrite (no commit is made).
  std::optional<CommitResult> commit;
};

/// Optimizes the table at `location` (its latest version) on `engine`. Under row tracking
/// (delta.enableRowTracking) the rewritten rows keep their row ids and row commit versions
/// (materialized columns); a clustered table is Unsupported.
Result<OptimizeResult> Optimize(std::string_view location, std::shared_ptr<Engine> engine,
                                const OptimizeOptions& options = {});
/// Optimizes starting from `snapshot` (loaded with its file list) on its engine.
Result<OptimizeResult> Optimize(std::shared_ptr<const Snapshot> snapshot,
                                const OptimizeOptions& options = {});

}  // namespace delta
