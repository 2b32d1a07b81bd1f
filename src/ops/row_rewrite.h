// Removing the rows of a table that match a predicate, staged on a transaction: the part that
// DELETE and UPDATE share (plan the files, find the matching rows, mark them deleted with a
// merged deletion vector or rewrite the rest of their files copy-on-write).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <arrow/record_batch.h>

#include "delta/engine.h"
#include "delta/expression.h"
#include "delta/parquet.h"
#include "delta/snapshot.h"
#include "delta/status.h"
#include "delta/transaction.h"
#include "ops/row_deletion.h"

namespace delta::ops {

/// How StageMatchedRowRemoval plans.
struct MatchedRowRemovalOptions {
  /// Read every candidate file, even one whose partition values alone decide the predicate
  /// (needed when the matching rows themselves are wanted).
  bool read_every_candidate = false;
  /// Return the matching rows (the table's logical columns).
  bool collect_rows = false;
  /// Names the operation in errors ("delete predicate", "update predicate").
  std::string_view what = "delete predicate";
};

/// What StageMatchedRowRemoval staged: the metrics (num_deleted_rows counts the matching rows)
/// and, when asked for, the matching rows.
struct MatchedRowRemoval {
  RowDeletionMetrics metrics;
  /// Some file keeps part of its rows (a deletion vector or a rewrite): the removes alone do
  /// not say which rows went, so a change feed needs change files.
  bool partial = false;
  std::vector<std::shared_ptr<arrow::RecordBatch>> rows;
  /// With `rows` on a table with row tracking enabled: each matching row's stable row id, one
  /// array per batch of `rows` (rewritten rows keep them).
  std::vector<std::shared_ptr<arrow::Array>> row_ids;
};

/// Stages on `txn` the removal of every row for which `predicate` (parsed, not bound; null =
/// every row) is TRUE, as StageRowDeletion documents, without writing change data.
Result<MatchedRowRemoval> StageMatchedRowRemoval(Transaction& txn,
                                                 const std::shared_ptr<const Snapshot>& snapshot,
                                                 const std::shared_ptr<Engine>& engine,
                                                 const ExprPtr& predicate,
                                                 const MatchedRowRemovalOptions& options,
                                                 const ParquetWriteOptions* file_options);

/// Rows of the table's logical columns and the `_change_type` they are written with.
using ChangeRows = std::pair<std::vector<std::shared_ptr<arrow::RecordBatch>>, std::string_view>;

/// Writes the groups of rows as change data files (one stream) and adds them to `txn`;
/// returns how many files were added.
Result<int64_t> StageChangeRows(Transaction& txn, std::vector<ChangeRows> groups);

/// Record batches as an Arrow C stream (for Transaction::WriteFiles / WriteChangeFiles); an
/// empty list gives a stream of `schema` with no batches.
Result<ArrowStreamHandle> BatchesAsStream(std::vector<std::shared_ptr<arrow::RecordBatch>> batches,
                                          std::shared_ptr<arrow::Schema> schema);

}  // namespace delta::ops
