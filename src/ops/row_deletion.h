// Deleting the rows of a table that match a predicate, staged on a transaction: the shared
// first half of DELETE and of an overwrite with a predicate over data columns (replaceWhere).
#pragma once

#include <cstdint>
#include <memory>

#include "delta/engine.h"
#include "delta/expression.h"
#include "delta/parquet.h"
#include "delta/snapshot.h"
#include "delta/status.h"
#include "delta/transaction.h"

namespace delta::ops {

/// What a staged deletion does, in Delta Spark's DELETE metric names.
struct RowDeletionMetrics {
  int64_t num_deleted_rows = 0;
  int64_t num_removed_files = 0;  ///< files removed (whole or to be rewritten)
  int64_t num_added_files = 0;    ///< rewritten files (copy-on-write)
  int64_t num_copied_rows = 0;    ///< rows carried into rewritten files
  int64_t num_deletion_vectors_added = 0;
  int64_t num_deletion_vectors_removed = 0;  ///< a file's DV replaced by a larger one
  int64_t num_added_change_files = 0;
  int64_t num_added_bytes = 0;
  int64_t num_removed_bytes = 0;
  int64_t scan_time_ms = 0;
  int64_t rewrite_time_ms = 0;
};

/// Stages on `txn` (begun on `snapshot`) the deletion of every row for which `predicate`
/// (parsed, not bound; null = every row) is TRUE; rows where it is NULL stay. Files whose
/// partition values decide the predicate are removed or kept without being read; the others
/// are planned with partition pruning and data skipping and read with their deletion vectors
/// applied. A file losing every live row is removed; one losing some gets a deletion vector
/// (merged with its old one) when the table has delta.enableDeletionVectors, otherwise its
/// remaining rows are rewritten into new files (copy-on-write). With the change data feed on
/// and some file keeping part of its rows, every deleted row goes to `_change_data/` files as
/// a `delete` row (num_added_change_files > 0): readers then take all of the commit's changes
/// from change files, so whatever else the commit adds must be written as changes too.
/// Records the predicate and
/// every file touched as read. `file_options` overrides the data files' layout.
Result<RowDeletionMetrics> StageRowDeletion(Transaction& txn,
                                            const std::shared_ptr<const Snapshot>& snapshot,
                                            const std::shared_ptr<Engine>& engine,
                                            const ExprPtr& predicate,
                                            const ParquetWriteOptions* file_options = nullptr);

}  // namespace delta::ops
