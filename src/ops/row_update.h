// Updating the rows of a table that match a predicate, staged on a transaction: the core of
// UPDATE (and of MERGE's matched-update clauses).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "delta/engine.h"
#include "delta/expression.h"
#include "delta/parquet.h"
#include "delta/snapshot.h"
#include "delta/status.h"
#include "delta/transaction.h"
#include "ops/row_deletion.h"

namespace delta::ops {

/// What a staged update does, in Delta Spark's UPDATE metric names.
struct RowUpdateMetrics {
  int64_t num_updated_rows = 0;
  int64_t num_copied_rows = 0;
  int64_t num_added_files = 0;  ///< files with updated rows and rewritten files
  int64_t num_removed_files = 0;
  int64_t num_deletion_vectors_added = 0;
  int64_t num_deletion_vectors_removed = 0;
  int64_t num_added_change_files = 0;
  int64_t num_added_bytes = 0;
  int64_t num_removed_bytes = 0;
  int64_t scan_time_ms = 0;
  int64_t rewrite_time_ms = 0;
};

/// One SET clause: a top-level column name and its new value (parsed, not bound).
using RowAssignment = std::pair<std::string, ExprPtr>;

/// Stages on `txn` (begun on `snapshot`) the update of every row for which `predicate`
/// (parsed, not bound; null = every row) is TRUE: the matching rows are removed as
/// StageMatchedRowRemoval does (deletion vector or copy-on-write) and written again, with the
/// assigned columns replaced by their values cast to the column types, to new files; with the
/// change data feed on, the old and new rows are written as update_preimage /
/// update_postimage changes. Assignments are checked before any file is read (see
/// UpdateRows for the errors).
Result<RowUpdateMetrics> StageRowUpdate(Transaction& txn,
                                        const std::shared_ptr<const Snapshot>& snapshot,
                                        const std::shared_ptr<Engine>& engine,
                                        const ExprPtr& predicate,
                                        const std::vector<RowAssignment>& set,
                                        const ParquetWriteOptions* file_options = nullptr);

}  // namespace delta::ops
